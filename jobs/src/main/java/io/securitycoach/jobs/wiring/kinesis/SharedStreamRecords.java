package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.io.SharedChannel;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A record of a shared Kinesis stream: sealed for {@link io.securitycoach.io.OpenEnvelopes} (an
 * envelope stream), or attributed here from its partition key ({@code org/vendor}, for the streams
 * configured {@code =partition-key}). Nothing about the org is taken from the record itself.
 */
public final class SharedStreamRecords implements KinesisDeserializationSchema<RawEvent> {
    private static final long serialVersionUID = 1L;

    private final TreeSet<String> partitionKeyStreams;
    private final SharedChannel channel;

    public SharedStreamRecords(Set<String> partitionKeyStreams, SharedChannel channel) {
        this.partitionKeyStreams = new TreeSet<>(partitionKeyStreams);
        this.channel = channel;
    }

    @Override
    public RawEvent deserialize(
            byte[] value,
            String partitionKey,
            String seqNum,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        String text = new String(value, StandardCharsets.UTF_8);
        String origin = "kinesis:" + stream + "/" + shardId + "/" + seqNum;
        return partitionKeyStreams.contains(stream)
                ? channel.fromPartitionKey(partitionKey, text, origin, approxArrivalTimestamp)
                : SharedChannel.sealed(text, origin, approxArrivalTimestamp);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return RawEventTypeInfo.INSTANCE;
    }
}
