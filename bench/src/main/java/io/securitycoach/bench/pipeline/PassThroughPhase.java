package io.securitycoach.bench.pipeline;

import io.securitycoach.audit.AuditTrail;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs {@link PassThroughJob} (bounded) and measures from its first record written to its end. */
final class PassThroughPhase {
    private PassThroughPhase() {}

    static void run(RunOptions o, WorkloadFiles files, PipelineReport report) throws Exception {
        Path work = o.work.resolve("passthrough");
        Configuration conf = BenchCluster.configuration(work.resolve("checkpoints"), o.flink);
        StreamExecutionEnvironment env =
                BenchCluster.environment(conf, o.parallelism, o.checkpointSeconds * 1000L);
        PassThroughJob.build(env, files.events, work.resolve("out"));
        try (BenchCluster job = BenchCluster.submit(env, conf, o.parallelism)) {
            Waits.until(
                    () -> MetricsTap.count(PassThroughJob.WRITE, PipelineJob.IN) > 0,
                    600_000,
                    "pass-through start");
            Span span = new Span();
            span.start();
            job.awaitEnd();
            span.end();
            span.endJit();
            report.passthroughEvents = MetricsTap.count(PassThroughJob.WRITE, PipelineJob.IN);
            report.passthroughWallSeconds = span.wallSeconds();
            report.passthroughCpuSeconds = span.cpuSeconds();
            report.passthroughJitSeconds = span.jitSeconds();
            report.passthroughBytes = AuditTrail.committedBytes(work.resolve("out"));
        }
    }
}
