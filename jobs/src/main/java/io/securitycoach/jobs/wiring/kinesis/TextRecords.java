package io.securitycoach.jobs.wiring.kinesis;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A Kinesis record as UTF-8 text (directory changes: parsed and dead-lettered downstream like file
 * lines).
 */
public final class TextRecords implements KinesisDeserializationSchema<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(
            byte[] value,
            String partitionKey,
            String seqNum,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
