package io.securitycoach.bench.pipeline;

import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job as CoachJob.build wires it, with the load run's sources and the audit trail on
 * local files.
 */
final class PipelineJob {
    static final String AUDIT_RAW = "Audit: raw";
    static final String AUDIT_EVENTS = "Audit: events";
    static final String AUDIT_DEAD_LETTERS = "Audit: dead letters";
    static final String AUDIT_DETECTIONS = "Audit: detections";
    static final String AUDIT_DELIVERIES = "Audit: deliveries";
    static final String ENRICH = "Enrich with directory attributes";
    static final String RESOLVE = "Resolve identity";
    static final String IN = "numRecordsIn";

    /** Each task's bytes written to the network (records serialized across a task boundary). */
    static final String BYTES_OUT = "numBytesOut";

    static final String EVENT_FILES_SOURCE = "Source: Vendor event files";

    private PipelineJob() {}

    /** Builds the graph and starts it on its own MiniCluster. */
    static BenchCluster start(
            RunOptions o, JobSources sources, Path work, String receiverUrl, DevSecrets secrets)
            throws Exception {
        Configuration conf = BenchCluster.configuration(work.resolve("checkpoints"), o.flink);
        StreamExecutionEnvironment env =
                BenchCluster.environment(conf, o.parallelism, o.checkpointSeconds * 1000L);
        JobSettings settings = new JobSettings(jobOptions(o.job));
        settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiverUrl));
        settings.notifier.modules =
                CoachingModules.load(o.home.resolve("samples").resolve("modules.yaml"));
        String audit = work.resolve("audit").toUri().toString();
        CoachJob.build(env, sources, AuditSinks.auditOnly(audit), settings);
        return BenchCluster.submit(env, conf, o.parallelism);
    }

    /** {@code Group.key} to value, as a configuration file's groups hold them (checked). */
    private static CoachConfig jobOptions(Map<String, String> options) {
        Map<String, Map<String, String>> groups = new TreeMap<>();
        options.forEach(
                (id, value) ->
                        groups.computeIfAbsent(
                                        id.substring(0, id.indexOf('.')), g -> new TreeMap<>())
                                .put(id.substring(id.indexOf('.') + 1), value));
        return CoachConfig.of(groups);
    }

    /**
     * Waits until the directory is in state: every user record enriched-side, identities settled.
     */
    static void awaitDirectory(long users) throws InterruptedException {
        Waits.until(
                () -> MetricsTap.count(ENRICH, IN) >= users, 3_600_000, "the directory to load");
        Waits.settled(() -> MetricsTap.count(RESOLVE, IN), 1_000, 600_000);
    }

    /** Events that came out of the pipeline so far: enriched events plus dead letters. */
    static long eventsOut() {
        return MetricsTap.count(AUDIT_EVENTS, IN) + MetricsTap.count(AUDIT_DEAD_LETTERS, IN);
    }
}
