package io.securitycoach.jobs;

import io.securitycoach.records.AuditRecord;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job writes, injected like {@link JobSources}. Every stage's output reaches the audit trail. */
public interface JobSinks {
    Sink<AuditRecord> audit();
}
