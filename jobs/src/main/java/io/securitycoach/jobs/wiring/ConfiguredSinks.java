package io.securitycoach.jobs.wiring;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.wiring.kinesis.JsonRecords;
import io.securitycoach.jobs.wiring.kinesis.KinesisStreams;
import io.securitycoach.options.Option;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.rules.Detection;
import org.apache.flink.connector.kinesis.sink.PartitionKeyGenerator;
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
        config.require(SinkOptions.AUDIT_PATH); // required: fail at start, naming the key
    }

    @Override
    public void attach(DataStream<AuditRecord> audit) {
        AuditSinks.shared(audit, config.require(SinkOptions.AUDIT_PATH));
    }

    /** The raw and events stages' lines by sinks chained to those stages (no network edge). */
    @Override
    public boolean auditPerStage() {
        return true;
    }

    @Override
    public void attachStage(String stage, DataStream<AuditRecord> lines) {
        AuditSinks.ownSink(stage, lines, config.require(SinkOptions.AUDIT_PATH));
    }

    @Override
    public void detections(DataStream<Detection> detections) {
        toKinesis(
                detections,
                SinkOptions.DETECTIONS_STREAM,
                d -> d.orgId + "/" + d.userId,
                "detections-kinesis",
                "Detections to Kinesis");
    }

    @Override
    public void deliveries(DataStream<DeliveryStatus> deliveries) {
        toKinesis(
                deliveries,
                SinkOptions.DELIVERY_STATUS_STREAM,
                d -> d.orgId + "/" + d.userId,
                "delivery-status-kinesis",
                "Delivery status to Kinesis");
    }

    @Override
    public void ruleStatus(DataStream<ControlStatus> ruleStatus) {
        toKinesis(
                ruleStatus,
                SinkOptions.RULE_STATUS_STREAM,
                r -> r.orgId == null ? "-" : r.orgId,
                "rule-status-kinesis",
                "Rule status to Kinesis");
    }

    /** The records as JSON to the stream the key names, when the configuration names one. */
    private <T> void toKinesis(
            DataStream<T> records,
            Option<String> stream,
            PartitionKeyGenerator<T> partitionKey,
            String uid,
            String name) {
        config.getOptional(stream)
                .ifPresent(
                        s ->
                                records.sinkTo(
                                                KinesisStreams.sink(
                                                        s,
                                                        new JsonRecords<>(),
                                                        partitionKey,
                                                        config))
                                        .uid(uid)
                                        .name(name));
    }
}
