package io.securitycoach.jobs.wiring;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.control.ControlStatus;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.wiring.kinesis.JsonRecords;
import io.securitycoach.jobs.wiring.kinesis.KinesisStreams;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.rules.Detection;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The sinks a {@link CoachConfig} names: the audit trail (local or S3, exactly once on checkpoints)
 * and, when configured, Kinesis streams of detections, delivery status and rule status (at least
 * once).
 */
public final class ConfiguredSinks implements JobSinks {
    private final CoachConfig config;

    public ConfiguredSinks(CoachConfig config) {
        this.config = config;
        config.string(CoachConfig.AUDIT_PATH); // required: fail at start, naming the key
    }

    @Override
    public void attach(DataStream<AuditRecord> audit) {
        audit.sinkTo(AuditSinks.files(config.string(CoachConfig.AUDIT_PATH)))
                .uid("audit-sink")
                .name("Audit trail");
    }

    @Override
    public void detections(DataStream<Detection> detections) {
        config.get(CoachConfig.DETECTIONS_STREAM)
                .ifPresent(
                        stream ->
                                detections
                                        .sinkTo(
                                                KinesisStreams.sink(
                                                        stream,
                                                        new JsonRecords<>(),
                                                        d -> d.orgId + "/" + d.userId,
                                                        config))
                                        .uid("detections-kinesis")
                                        .name("Detections to Kinesis"));
    }

    @Override
    public void deliveries(DataStream<DeliveryStatus> deliveries) {
        config.get(CoachConfig.DELIVERY_STATUS_STREAM)
                .ifPresent(
                        stream ->
                                deliveries
                                        .sinkTo(
                                                KinesisStreams.sink(
                                                        stream,
                                                        new JsonRecords<>(),
                                                        d -> d.orgId + "/" + d.userId,
                                                        config))
                                        .uid("delivery-status-kinesis")
                                        .name("Delivery status to Kinesis"));
    }

    @Override
    public void ruleStatus(DataStream<ControlStatus> ruleStatus) {
        config.get(CoachConfig.RULE_STATUS_STREAM)
                .ifPresent(
                        stream ->
                                ruleStatus
                                        .sinkTo(
                                                KinesisStreams.sink(
                                                        stream,
                                                        new JsonRecords<>(),
                                                        r -> r.orgId == null ? "-" : r.orgId,
                                                        config))
                                        .uid("rule-status-kinesis")
                                        .name("Rule status to Kinesis"));
    }
}
