package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A Kinesis record as a {@link RawEvent} of the stream's org and vendor: the org comes from the
 * stream's configuration, never from the record. Nothing is judged here: the normalizer turns bad
 * bytes into dead letters with a reason, as it does for files.
 */
public final class EventRecords implements KinesisDeserializationSchema<RawEvent> {
    private static final long serialVersionUID = 1L;
    private final EventStreamTags tags;

    public EventRecords(EventStreamTags tags) {
        this.tags = tags;
    }

    @Override
    public RawEvent deserialize(
            byte[] value,
            String partitionKey,
            String seqNum,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        String[] tag = tags.tagOf(stream);
        // a stream nobody configured names no org (a missing_org dead letter), not an org "unknown"
        String org = tag != null ? tag[0] : null;
        String vendor = tag != null ? tag[1] : null;
        return new RawEvent(
                org,
                vendor,
                new String(value, StandardCharsets.UTF_8),
                "kinesis:" + stream + "/" + shardId + "/" + seqNum,
                approxArrivalTimestamp);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return RawEventTypeInfo.INSTANCE;
    }
}
