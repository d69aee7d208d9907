package io.securitycoach.bench.pipeline;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.receiver.LocalReceiver;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

/**
 * The job at full speed over the pre-generated files: the directory is loaded first (not counted),
 * then the files are released to the watched root; the span runs from the end of the warm-up (a
 * share of the events out, then until the JIT has settled or a larger share is out: {@link
 * JitSettling}; a warm-up job before it, {@link #warmUp}, does most of the JIT's work) to the last
 * event out (enriched or dead letter), and its figures count the events out in it. Deliveries and a
 * last checkpoint follow, unmeasured.
 */
final class ThroughputPhase {
    private ThroughputPhase() {}

    /**
     * The job once over a smaller workload of other records, unmeasured, so that the measured run
     * starts with the JIT's work on the same code mostly done: on two cores its one C2 thread took
     * about a minute, and the measured span's share of interpreted code moved its figures by half
     * between runs. The measured run then keeps its own warm-up share, so its span covers the same
     * mix of records as before.
     */
    static void warmUp(RunOptions o, Workload w, WorkloadFiles files, Path rules) throws Exception {
        Path work = o.work.resolve("warm-up");
        DevSecrets secrets = DevSecrets.create(work.resolve("secrets"));
        try (LocalReceiver receiver =
                        LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start();
                BenchCluster job = start(o, files, rules, work, receiver, secrets)) {
            System.out.printf(
                    "warm-up job: %,d users, %,d events (not measured)...%n", w.users(), w.events);
            PipelineJob.awaitDirectory(w.users());
            files.release();
            Waits.until(
                    () -> MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN) >= w.events,
                    3_600_000,
                    "the warm-up job's events");
            Waits.settled(PipelineJob::eventsOut, 3_000, 600_000);
            job.cancel();
        }
    }

    private static BenchCluster start(
            RunOptions o,
            WorkloadFiles files,
            Path rules,
            Path work,
            LocalReceiver receiver,
            DevSecrets secrets)
            throws Exception {
        return PipelineJob.start(
                o,
                BenchSources.files(files.events, files.users, RuleFiles.snapshot(rules)),
                work,
                receiver.baseUrl(),
                secrets);
    }

    static void run(
            RunOptions o, Workload w, WorkloadFiles files, Path rules, PipelineReport report)
            throws Exception {
        Path work = o.work.resolve("coach");
        DevSecrets secrets = DevSecrets.create(work.resolve("secrets"));
        try (LocalReceiver receiver =
                        LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start();
                BenchCluster job = start(o, files, rules, work, receiver, secrets)) {
            long started = System.nanoTime();
            System.out.printf("coach job: loading the directory (%,d users)...%n", w.users());
            report.shuffles = shuffles(job);
            PipelineJob.awaitDirectory(w.users());
            report.directoryLoadSeconds = (System.nanoTime() - started) / 1e9;
            files.release();
            Span span = measure(o, w, work, report);
            report.eventsOut = PipelineJob.eventsOut();
            report.wallSeconds = span.wallSeconds();
            report.cpuSeconds = span.cpuSeconds();
            report.jitSeconds = span.jitSeconds();
            report.detections =
                    Waits.settled(
                            () -> MetricsTap.count(PipelineJob.AUDIT_DETECTIONS, PipelineJob.IN),
                            3_000,
                            120_000);
            report.deliveries =
                    Waits.settled(
                            () -> MetricsTap.count(PipelineJob.AUDIT_DELIVERIES, PipelineJob.IN),
                            3_000,
                            300_000);
            job.awaitNextCheckpoint(120_000);
            AccessExecutionGraph graph = job.cancel();
            report.checkpoints = CheckpointSummary.of(graph);
            report.auditBytes = AuditTrail.committedBytesByStage(work.resolve("audit"));
            report.events = committedRawRecords(work.resolve("audit"));
            report.detectionsDigest = DetectionsDigest.of(work.resolve("audit"));
            report.detectionsDigestStored = DetectionsDigest.stored(w);
            report.restarts = MetricsTap.restarts();
        }
    }

    /** The graph's crossings per event; null (and said) when its operators are not found. */
    private static GraphShuffles shuffles(BenchCluster job) {
        try {
            return GraphShuffles.of(job.jobGraph(), PipelineJob.EVENT_FILES_SOURCE);
        } catch (IllegalStateException e) {
            System.out.println("WARNING: shuffles per event not computed: " + e.getMessage());
            return null;
        }
    }

    /** What the audit trail committed: each raw record once, whatever was replayed on the way. */
    private static long committedRawRecords(Path audit) {
        long[] count = {0};
        AuditTrail.forEach(audit, AuditStage.RAW, (record, file) -> count[0]++);
        return count[0];
    }

    private static Span measure(RunOptions o, Workload w, Path work, PipelineReport report)
            throws Exception {
        long warmUp = (long) (w.events * o.warmUpShare);
        Waits.until(
                () ->
                        MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN) > 0
                                && PipelineJob.eventsOut() >= warmUp,
                3_600_000,
                "the warm-up events");
        long lastStart = (long) (w.events * Math.max(o.warmUpShare, o.maxWarmUpShare));
        report.jitSettled =
                o.awaitJit ? JitSettling.await(() -> PipelineJob.eventsOut() >= lastStart) : null;
        Span span = new Span();
        span.start();
        report.warmUpEvents = PipelineJob.eventsOut();
        long bytesOut = MetricsTap.total(PipelineJob.BYTES_OUT);
        try (CpuProfile profile = new CpuProfile();
                HostSlowdown slowdown = HostSlowdown.start()) {
            if (o.profile) {
                profile.start();
            }
            long last = -1;
            long stalledSince = System.currentTimeMillis();
            while (true) {
                long out = PipelineJob.eventsOut();
                long raw = MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN);
                if (out != last) {
                    last = out;
                    stalledSince = System.currentTimeMillis();
                    span.end();
                }
                if (raw >= w.events
                        && (out >= w.events || System.currentTimeMillis() - stalledSince > 5_000)) {
                    break;
                }
                Thread.sleep(20);
            }
            span.endJit();
            report.hostSlowdown = slowdown.ratios();
            report.networkBytes = MetricsTap.total(PipelineJob.BYTES_OUT) - bytesOut;
            if (o.profile) {
                Map<String, Double> cpu =
                        profile.stop(work.resolve("profile.jfr"), span.cpuSeconds());
                report.cpuByOperator.putAll(cpu);
            }
        }
        return span;
    }
}
