package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.RawEvent;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The audit trail's stages (folder names) and how each stage's records become audit lines. The time
 * that partitions a line is when the pipeline handled it, so a day's folder holds that day's work.
 */
public final class AuditStage {
    public static final String RAW = "raw";
    public static final String EVENTS = "events";
    public static final String DETECTIONS = "detections";
    public static final String DELIVERIES = "deliveries";
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String RULE_STATUS = "rule_status";

    private AuditStage() {}

    public static MapFunction<RawEvent, AuditRecord> raw() {
        return r -> new AuditRecord(RAW, r.orgId, r.ingestTime, AuditJson.record(r));
    }

    /**
     * Normalized and enriched events as rules saw them, without the raw vendor fields (the raw
     * stage has them).
     */
    public static MapFunction<SecurityEvent, AuditRecord> events() {
        return e -> new AuditRecord(EVENTS, e.orgId, e.ingestTime, AuditJson.event(e));
    }

    public static MapFunction<Detection, AuditRecord> detections() {
        return d -> new AuditRecord(DETECTIONS, d.orgId, d.detectTime, AuditJson.record(d));
    }

    public static MapFunction<DeliveryStatus, AuditRecord> deliveries() {
        return s -> new AuditRecord(DELIVERIES, s.orgId, s.time, AuditJson.record(s));
    }

    public static MapFunction<DeadLetter, AuditRecord> deadLetters() {
        return d -> new AuditRecord(DEAD_LETTERS, d.orgId, d.time, AuditJson.record(d));
    }

    public static MapFunction<ControlStatus, AuditRecord> ruleStatus() {
        return s -> new AuditRecord(RULE_STATUS, s.orgId, s.time, AuditJson.record(s));
    }
}
