package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.records.RawEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A Kinesis record as a {@link RawEvent} of the stream's org and vendor. Nothing is judged here:
 * the normalizer turns bad bytes into dead letters with a reason, as it does for files.
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
        String org = tag != null ? tag[0] : "unknown";
        String vendor = tag != null ? tag[1] : "unknown";
        return new RawEvent(
                org,
                vendor,
                new String(value, StandardCharsets.UTF_8),
                "kinesis:" + stream + "/" + shardId + "/" + seqNum,
                approxArrivalTimestamp);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
