package io.securitycoach.bench.pipeline;

import static java.util.stream.Collectors.toList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.util.Percentiles;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What the latency run ran under and where its latency went: how busy the process kept the
 * machine's cores while the events came (a saturated machine queues), the load average around it,
 * the run's own checkpoints, and each notification's latency split at its detection (source to
 * detect: the shuffles; detect to the receiver's answer: planning and the HTTP delivery).
 */
final class LatencyConditions {
    private final Span span = new Span();
    private final int cores = Runtime.getRuntime().availableProcessors();
    double loadAverageStart;
    double loadAverageEnd;
    CheckpointSummary checkpoints = new CheckpointSummary();
    Percentiles sourceToDetect = Percentiles.of(List.of());
    Percentiles detectToAnswer = Percentiles.of(List.of());

    /** The events start now. */
    void start() {
        loadAverageStart = loadAverage();
        span.start();
    }

    /** The last event is in. */
    void end() {
        span.end();
        loadAverageEnd = loadAverage();
    }

    /** {@code notified}: answer time, latency, part after detection (ms) per notification. */
    void split(List<long[]> notified) {
        sourceToDetect = Percentiles.of(notified.stream().map(n -> n[1] - n[2]).collect(toList()));
        detectToAnswer = Percentiles.of(notified.stream().map(n -> n[2]).collect(toList()));
    }

    /** The process's CPU over the events' span as a share of all cores (1.0: saturated). */
    double cpuShare() {
        return span.wallSeconds() <= 0 ? 0 : span.cpuSeconds() / (span.wallSeconds() * cores);
    }

    void toJson(ObjectNode j) {
        j.put("cpu_share", round3(cpuShare()))
                .put("cpu_seconds", round3(span.cpuSeconds()))
                .put("wall_seconds", round3(span.wallSeconds()))
                .put("load_average_start", round3(loadAverageStart))
                .put("load_average_end", round3(loadAverageEnd));
        j.putObject("checkpoint_ms")
                .put("p50", checkpoints.percentile(0.5))
                .put("max", checkpoints.percentile(1.0))
                .put("count", checkpoints.durationsMillis.size());
        j.putObject("source_to_detect_ms")
                .put("p50", sourceToDetect.p50)
                .put("p99", sourceToDetect.p99);
        j.putObject("detect_to_answer_ms")
                .put("p50", detectToAnswer.p50)
                .put("p99", detectToAnswer.p99);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
