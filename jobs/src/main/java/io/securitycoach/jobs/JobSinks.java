package io.securitycoach.jobs;

import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.rules.Detection;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job writes, injected like {@link JobSources}: given the audit stream (every stage's
 * records), attach the sinks. The outputs other systems consume (detections, delivery status, rule
 * status) are offered too; by default they go only to the audit trail.
 */
@FunctionalInterface
public interface JobSinks {
    void attach(DataStream<AuditRecord> audit);

    default void detections(DataStream<Detection> detections) {}

    default void deliveries(DataStream<DeliveryStatus> deliveries) {}

    default void ruleStatus(DataStream<ControlStatus> ruleStatus) {}
}
