package io.securitycoach.jobs;

import io.securitycoach.records.AuditRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job writes, injected like {@link JobSources}: given the audit stream (every stage's
 * records), attach the sinks. Production writes files (local or S3); tests attach their own.
 */
public interface JobSinks {
    void attach(DataStream<AuditRecord> audit);
}
