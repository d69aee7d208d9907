package io.securitycoach.bench.pipeline;

import static java.util.stream.Collectors.toList;

import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.util.Percentiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

/**
 * Source-to-notification latency at a share of the full-speed rate: a rate-limited generator starts
 * once the directory is loaded; each notification's latency is the receiver's answer time minus the
 * moment the last of its detection's events left the source ({@link DeliveryLatencies}).
 */
final class LatencyPhase {
    private LatencyPhase() {}

    static void run(
            RunOptions o, Workload w, WorkloadFiles files, Path rules, PipelineReport report)
            throws Exception {
        Path work = o.work.resolve("latency");
        double rate = rate(o, report);
        long warmUp = (long) (rate * o.latencyWarmUpSeconds);
        long count = warmUp + (long) (rate * o.latencySeconds);
        RateLimitedEvents.GATE.set(false);
        RateLimitedEvents.EMITTED_MILLIS.clear();
        RateLimitedEvents source =
                new RateLimitedEvents(
                        w.liveGenerator(System.currentTimeMillis(), rate), count, rate);
        DevSecrets secrets = DevSecrets.create(work.resolve("secrets"));
        Path record = work.resolve("receiver.jsonl");
        try (LocalReceiver receiver =
                        LocalReceiver.builder()
                                .signingSecret(secrets.signingSecretValue)
                                .record(record)
                                .start();
                BenchCluster job =
                        PipelineJob.start(
                                o,
                                BenchSources.live(source, files.users, RuleFiles.snapshot(rules)),
                                work,
                                receiver.baseUrl(),
                                secrets)) {
            System.out.printf(
                    "latency run: loading the directory, then %,d events at %,.0f/s%n",
                    count, rate);
            PipelineJob.awaitDirectory(w.users());
            report.latencyConditions.start();
            RateLimitedEvents.GATE.set(true);
            Waits.until(
                    () -> MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN) >= count,
                    o.latencySeconds * 3_000 + 120_000,
                    "the latency run's events");
            report.latencyConditions.end();
            Waits.settled(
                    () -> MetricsTap.count(PipelineJob.AUDIT_DELIVERIES, PipelineJob.IN),
                    3_000,
                    300_000);
            job.awaitNextCheckpoint(120_000);
            reportLatencies(job.cancel(), work, record, warmUp, report);
        }
    }

    /** The run's rate: as given, else a share of the measured full-speed rate. */
    private static double rate(RunOptions o, PipelineReport report) {
        report.latencyRate =
                o.latencyRate > 0
                        ? o.latencyRate
                        : Math.max(1, report.eventsPerSecond() * o.latencyLoad);
        return report.latencyRate;
    }

    /**
     * Each notification's latency, overall and split by whether a checkpoint was under way; those
     * whose events left the source within the first {@code warmUp} records are not counted.
     */
    private static void reportLatencies(
            AccessExecutionGraph graph, Path work, Path record, long warmUp, PipelineReport report)
            throws Exception {
        CheckpointSummary.writeCsv(graph, work.resolve("checkpoints.csv"));
        CheckpointSummary.writeTaskCsv(graph, work.resolve("checkpoint-tasks.csv"));
        List<long[]> notified =
                DeliveryLatencies.read(
                        work.resolve("audit"),
                        record,
                        RateLimitedEvents.EMITTED_MILLIS,
                        work.resolve("latencies.csv"));
        long measuredFrom = RateLimitedEvents.EMITTED_MILLIS.getOrDefault(warmUp, 0L);
        notified.removeIf(n -> n[0] - n[1] < measuredFrom);
        report.latency = Percentiles.of(notified.stream().map(n -> n[1]).collect(toList()));
        report.latencyConditions.split(notified);
        report.latencyConditions.checkpoints = CheckpointSummary.of(graph);
        report.checkpointLatencies =
                CheckpointLatencies.split(notified, CheckpointSummary.windows(graph));
    }
}
