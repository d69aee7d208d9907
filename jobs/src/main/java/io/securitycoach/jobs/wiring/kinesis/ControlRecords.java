package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.control.ControlChannel;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.JsonLines;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * A control-stream record (a JSON {@link ControlMessage}), admitted by the channel its stream is
 * ({@link ControlChannels}): on an org's own stream it may speak for that org only. One that cannot
 * be read becomes an {@code unreadable} message, which the control intake answers with a rejected
 * status naming the problem: the sender learns of it, and the job goes on.
 */
public final class ControlRecords implements KinesisDeserializationSchema<ControlMessage> {
    private static final long serialVersionUID = 1L;

    private final ControlChannels channels;

    public ControlRecords(ControlChannels channels) {
        this.channels = channels;
    }

    /** Every stream the operator's. */
    public ControlRecords() {
        this(ControlChannels.operatorOnly());
    }

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
            return readerUnreadable(firstLine(e.getMessage()), origin, channels.of(stream));
        }
        ControlChannel channel = channels.of(stream);
        if (m == null) {
            return readerUnreadable("empty record", origin, channel);
        }
        m.source = m.source == null ? origin : m.source + " (" + origin + ")";
        return channel.admit(m);
    }

    /**
     * An unreadable record of an org's channel is answered under that org; of the operator's, under
     * none.
     */
    private static ControlMessage readerUnreadable(
            String why, String origin, ControlChannel channel) {
        ControlMessage m = ControlMessage.unreadable(why, origin);
        m.orgId = channel.org();
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
