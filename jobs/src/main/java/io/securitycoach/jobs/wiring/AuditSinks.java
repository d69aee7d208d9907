package io.securitycoach.jobs.wiring;

import io.securitycoach.audit.AuditBucketAssigner;
import io.securitycoach.audit.AuditEncoder;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.AuditRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The audit trail as JSON-lines files, committed exactly once on each checkpoint (local path or
 * s3://).
 */
public final class AuditSinks {
    private AuditSinks() {}

    public static FileSink<AuditRecord> files(String root) {
        return FileSink.forRowFormat(new Path(root), new AuditEncoder())
                .withBucketAssigner(new AuditBucketAssigner())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".jsonl")
                                .build())
                .build();
    }

    /** Sinks that write only the audit trail under {@code root}. */
    public static JobSinks auditOnly(String root) {
        return audit -> audit.sinkTo(files(root)).uid(JobUids.AUDIT_SINK).name("Audit trail");
    }
}
