package io.securitycoach.bench.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import io.securitycoach.util.Percentiles;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's figures: measured values in, derived figures, the JSON (an interface: keys are fixed)
 * and the table.
 */
final class PipelineReport {
    Workload workload;
    String commit = "";
    double loadAverageBefore;
    double loadAverageAfter;
    long inputBytes;

    /** Raw records committed to the audit trail (exactly-once, unlike the operator counters). */
    long events;

    long eventsOut;

    /** Task restarts during the run: counters then include replayed records (see MetricsTap). */
    int restarts;

    /**
     * Events out before the throughput span began (warm-up): the rates count eventsOut -
     * warmUpEvents.
     */
    long warmUpEvents;

    /** Whether the JIT had settled when the span began ({@link JitSettling}); null: not waited. */
    Boolean jitSettled;

    /**
     * CPU seconds of the JIT's compiler threads in the throughput span, and in the pass-through's.
     */
    double jitSeconds;

    double passthroughJitSeconds;

    /**
     * {@link HostSlowdown#ratios()} over the throughput span: p50, p90, max; null if unmeasured.
     */
    double[] hostSlowdown;

    /**
     * Wall seconds from the measured job's submission until its directory was in state, including
     * the one second of quiet that says so (not part of the span); 0 when not measured (JSON null).
     */
    double directoryLoadSeconds;

    /** Bytes the tasks wrote to the network during the throughput span. */
    long networkBytes;

    long detections;
    long deliveries;
    double wallSeconds;
    double cpuSeconds;
    final Map<String, Double> cpuByOperator = new TreeMap<>();
    CheckpointSummary checkpoints = new CheckpointSummary();
    Map<String, Long> auditBytes = new TreeMap<>();

    long passthroughEvents;
    double passthroughWallSeconds;
    double passthroughCpuSeconds;
    long passthroughBytes;

    long jacksonEvents;
    double jacksonCpuSeconds;

    double latencyRate;
    Percentiles latency = Percentiles.of(List.of());
    CheckpointLatencies checkpointLatencies = new CheckpointLatencies();
    LatencyConditions latencyConditions = new LatencyConditions();

    /** The job graph's task-to-task crossings per event (null: not computed). */
    GraphShuffles shuffles;

    /** SHA-256 of the committed detections' ids; the stored one of this workload, if any. */
    String detectionsDigest = "";

    String detectionsDigestStored;

    /** Null when no digest is stored for this workload. */
    Boolean detectionsMatchStored() {
        return detectionsDigestStored == null
                ? null
                : detectionsDigestStored.equals(detectionsDigest);
    }

    long measuredEvents() {
        return eventsOut - warmUpEvents;
    }

    double eventsPerSecond() {
        return perSecond(measuredEvents(), wallSeconds);
    }

    double eventsPerCpuSecond() {
        return perSecond(measuredEvents(), cpuSeconds);
    }

    double passthroughPerCpuSecond() {
        return perSecond(passthroughEvents, passthroughCpuSeconds);
    }

    double jacksonPerCpuSecond() {
        return perSecond(jacksonEvents, jacksonCpuSeconds);
    }

    double auditBytesPerEvent() {
        return eventsOut == 0 ? 0 : auditBytes.getOrDefault("events", 0L) / (double) eventsOut;
    }

    double networkBytesPerEvent() {
        return measuredEvents() <= 0 ? 0 : networkBytes / (double) measuredEvents();
    }

    double rawBytesPerEvent() {
        return events == 0 ? 0 : inputBytes / (double) events;
    }

    double stateBytesPerUser() {
        return checkpoints.lastStateBytes / (double) Math.max(1, workload.users());
    }

    private static double perSecond(long n, double seconds) {
        return seconds <= 0 ? 0 : n / seconds;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    ObjectNode toJson() {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("events", events);
        j.put("restarts", restarts);
        j.put("events_per_second", Math.round(eventsPerSecond()));
        j.put("events_per_cpu_second", Math.round(eventsPerCpuSecond()));
        j.put("passthrough_events_per_cpu_second", Math.round(passthroughPerCpuSecond()));
        j.put("jackson_events_per_cpu_second", Math.round(jacksonPerCpuSecond()));
        j.put(
                "ratio_to_passthrough",
                round3(ratio(eventsPerCpuSecond(), passthroughPerCpuSecond())));
        j.put("ratio_to_jackson", round3(ratio(eventsPerCpuSecond(), jacksonPerCpuSecond())));
        j.putObject("latency_ms")
                .put("p50", latency.p50)
                .put("p99", latency.p99)
                .put("p999", latency.p999)
                .put("max", latency.max)
                .put("p99_during_checkpoint", checkpointLatencies.during.p99)
                .put("p99_outside_checkpoint", checkpointLatencies.outside.p99);
        latencyConditions.toJson(j.putObject("latency_run"));
        j.put("shuffles_per_event", shuffles == null ? -1 : shuffles.perEvent);
        j.put("network_bytes_per_event", Math.round(networkBytesPerEvent()));
        j.put("detections_digest", detectionsDigest);
        j.putObject("checkpoint_ms").put("p50", percentile(0.5)).put("max", percentile(1.0));
        j.put("state_bytes_per_user", Math.round(stateBytesPerUser()));
        j.put("audit_bytes_per_event", Math.round(auditBytesPerEvent()));
        ObjectNode cpu = j.putObject("cpu_seconds_by_operator");
        cpuByOperator.forEach((k, v) -> cpu.put(k, round3(v)));
        details(j.putObject("details"));
        return j;
    }

    private void details(ObjectNode d) {
        d.set("host_slowdown", hostSlowdownJson());
        d.put("commit", commit)
                .put("load_average_before", round3(loadAverageBefore))
                .put("load_average_after", round3(loadAverageAfter));
        d.put("orgs", workload.orgs)
                .put("users", workload.users())
                .put("rules", workload.rules())
                .put("risky_share", workload.risky)
                .put("malformed_share", workload.malformed)
                .put("seed", workload.seed);
        d.put("events_out", eventsOut)
                .put("measured_events", measuredEvents())
                .put("detections", detections)
                .put("deliveries", deliveries)
                .put("wall_seconds", round3(wallSeconds))
                .put("cpu_seconds", round3(cpuSeconds))
                .put("jit_settled", jitSettled)
                .put("jit_compilation_seconds", round3(jitSeconds))
                .put(
                        "directory_load_seconds",
                        directoryLoadSeconds > 0 ? round3(directoryLoadSeconds) : null)
                .put("passthrough_jit_compilation_seconds", round3(passthroughJitSeconds))
                .put("raw_bytes_per_event", Math.round(rawBytesPerEvent()))
                .put("passthrough_events", passthroughEvents)
                .put("passthrough_cpu_seconds", round3(passthroughCpuSeconds))
                .put("passthrough_wall_seconds", round3(passthroughWallSeconds))
                .put("jackson_cpu_seconds", round3(jacksonCpuSeconds))
                .put("latency_events_per_second", Math.round(latencyRate))
                .put("latency_notifications", latency.count)
                .put("checkpoints", checkpoints.durationsMillis.size())
                .put("state_bytes_last_checkpoint", checkpoints.lastStateBytes);
        ObjectNode audit = d.putObject("audit_bytes_by_stage");
        auditBytes.forEach(audit::put);
        d.put("latency_notifications_during_checkpoint", checkpointLatencies.during.count)
                .put("latency_notifications_outside_checkpoint", checkpointLatencies.outside.count)
                .put("detections_digest_stored", detectionsDigestStored)
                .put("detections_digest_matches_stored", detectionsMatchStored());
        ArrayNode crossings = d.putArray("shuffle_crossings");
        if (shuffles != null) {
            shuffles.crossings.forEach(crossings::add);
        }
    }

    long percentile(double q) {
        return checkpoints.percentile(q);
    }

    private ObjectNode hostSlowdownJson() {
        if (hostSlowdown == null) {
            return null;
        }
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("p50", round3(hostSlowdown[0]));
        j.put("p90", round3(hostSlowdown[1]));
        j.put("max", round3(hostSlowdown[2]));
        return j;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
