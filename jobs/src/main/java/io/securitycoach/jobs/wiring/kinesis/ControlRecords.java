package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.JsonLines;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A control-stream record (a JSON {@link ControlMessage}). One that cannot be read becomes an
 * {@code unreadable} message, which the detector answers with a rejected rule status naming the
 * problem: the sender learns of it, and the job goes on.
 */
public final class ControlRecords implements KinesisDeserializationSchema<ControlMessage> {
    private static final long serialVersionUID = 1L;

    @Override
    public ControlMessage deserialize(
            byte[] value,
            String partitionKey,
            String seqNum,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        String origin = "kinesis:" + stream + "/" + seqNum;
        ControlMessage m;
        try {
            // one JSON value per record: a second message or garbage after it is not silently
            // dropped
            m =
                    Json.mapper()
                            .treeToValue(
                                    JsonLines.readOne(Json.mapper(), value), ControlMessage.class);
        } catch (IOException e) {
            return ControlMessage.unreadable(firstLine(e.getMessage()), origin);
        }
        if (m == null) {
            return ControlMessage.unreadable("empty record", origin);
        }
        m.source = m.source == null ? origin : m.source + " (" + origin + ")";
        return m;
    }

    private static String firstLine(String message) {
        String s = String.valueOf(message);
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }

    @Override
    public TypeInformation<ControlMessage> getProducedType() {
        return TypeInformation.of(ControlMessage.class);
    }
}
