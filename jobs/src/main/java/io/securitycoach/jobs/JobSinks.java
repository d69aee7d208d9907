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

    /**
     * Whether the two busiest audit stages (raw records, enriched events) get sinks of their own,
     * attached by {@link #attachStage} right behind the stage that makes their lines: chained to
     * it, so those lines cross no network edge (a shared sink fed by a union cannot chain). False:
     * every stage goes to {@link #attach}.
     */
    default boolean auditPerStage() {
        return false;
    }

    /**
     * Attaches the sink of one busy stage's audit lines ({@code stage}: {@code AuditStage.RAW} or
     * {@code EVENTS}); called only when {@link #auditPerStage()}. The sink must commit exactly once
     * on checkpoints, as the shared one does.
     */
    default void attachStage(String stage, DataStream<AuditRecord> lines) {
        throw new UnsupportedOperationException("these sinks take every stage in attach()");
    }

    default void detections(DataStream<Detection> detections) {}

    default void deliveries(DataStream<DeliveryStatus> deliveries) {}

    default void ruleStatus(DataStream<ControlStatus> ruleStatus) {}
}
