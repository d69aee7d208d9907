package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link RawEvent} on the job's shuffles (source to the ingest fair share, fair share to
 * normalize), written field after field in a fixed order by plain code: no reflection, no null flag
 * per field, the strings (the vendor line above all) as byte arrays ({@link StringCodec}: Latin-1
 * when every char fits, which covers ASCII and is an array copy each way, else UTF-8, UTF-16 only
 * for an unpaired surrogate), where the POJO serializer it replaces writes and reads them char by
 * char. Every string round-trips exactly, as with the POJO serializer.
 *
 * <p>Used for records in flight only ({@link RawEventTypeInfo} on the streams that cross a
 * shuffle); records held in state (the fair share's deferred records, those waiting for parsers)
 * keep the POJO serializer, so savepoint layouts do not change. The snapshot is versioned ({@link
 * RawEventSerializerSnapshot}) so that a later format can read this one.
 */
public final class RawEventSerializer extends TypeSerializer<RawEvent> {
    private static final long serialVersionUID = 1L;

    /** The wire format; a change of field order or encoding is a new version. */
    static final int FORMAT_VERSION = 1;

    public static final RawEventSerializer INSTANCE = new RawEventSerializer();

    private static final String RECORD = "RawEvent";

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<RawEvent> duplicate() {
        return this; // stateless
    }

    @Override
    public RawEvent createInstance() {
        return new RawEvent();
    }

    /** Strings and a long: a copy of the fields is a deep copy. */
    @Override
    public RawEvent copy(RawEvent from) {
        RawEvent r =
                new RawEvent(from.orgId, from.vendor, from.payload, from.origin, from.ingestTime);
        r.rejectedReason = from.rejectedReason;
        r.rejectedMessage = from.rejectedMessage;
        return r;
    }

    @Override
    public RawEvent copy(RawEvent from, RawEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RawEvent r, DataOutputView out) throws IOException {
        writeString(r.orgId, out);
        writeString(r.vendor, out);
        writeString(r.payload, out);
        writeString(r.origin, out);
        out.writeLong(r.ingestTime);
        writeString(r.rejectedReason, out);
        writeString(r.rejectedMessage, out);
    }

    @Override
    public RawEvent deserialize(DataInputView in) throws IOException {
        RawEvent r = new RawEvent();
        r.orgId = readString(in);
        r.vendor = readString(in);
        r.payload = readString(in);
        r.origin = readString(in);
        r.ingestTime = in.readLong();
        r.rejectedReason = readString(in);
        r.rejectedMessage = readString(in);
        return r;
    }

    @Override
    public RawEvent deserialize(RawEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
        StringCodec.write(s, out);
    }

    private static String readString(DataInputView in) throws IOException {
        return StringCodec.read(in, RECORD);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RawEventSerializer;
    }

    @Override
    public int hashCode() {
        return RawEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<RawEvent> snapshotConfiguration() {
        return new RawEventSerializerSnapshot();
    }
}
