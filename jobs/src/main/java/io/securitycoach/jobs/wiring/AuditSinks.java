package io.securitycoach.jobs.wiring;

import io.securitycoach.audit.AuditBucketAssigner;
import io.securitycoach.audit.AuditLineWriter;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.AuditRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The audit trail as JSON-lines files, committed exactly once on each checkpoint (local path or
 * s3://).
 */
public final class AuditSinks {
    private AuditSinks() {}

    public static FileSink<AuditRecord> files(String root) {
        // Bulk, for the writer's buffer; every checkpoint rolls the part files as before, and the
        // sink's state is the same (savepoints of the row-format sink restore).
        return FileSink.forBulkFormat(new Path(root), new AuditLineWriter.Factory())
                .withBucketAssigner(new AuditBucketAssigner())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".jsonl")
                                .build())
                .build();
    }

    /**
     * Sinks that write only the audit trail under {@code root}: the raw and events stages each by a
     * sink of their own chained to the stage (their part files go under their own stage folder, so
     * the writers never meet), the other stages by the shared sink.
     */
    public static JobSinks auditOnly(String root) {
        return new JobSinks() {
            @Override
            public void attach(DataStream<AuditRecord> audit) {
                shared(audit, root);
            }

            @Override
            public boolean auditPerStage() {
                return true;
            }

            @Override
            public void attachStage(String stage, DataStream<AuditRecord> lines) {
                ownSink(stage, lines, root);
            }
        };
    }

    /** The shared sink: every stage that has no sink of its own. */
    public static void shared(DataStream<AuditRecord> audit, String root) {
        audit.sinkTo(files(root)).uid(JobUids.AUDIT_SINK).name("Audit trail");
    }

    /** One busy stage's own sink, with the parallelism of its lines so that it chains to them. */
    public static void ownSink(String stage, DataStream<AuditRecord> lines, String root) {
        lines.sinkTo(files(root))
                .setParallelism(lines.getParallelism())
                .uid(JobUids.auditSink(stage))
                .name("Audit trail: " + stage);
    }
}
