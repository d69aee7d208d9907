package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link RawEvent} on the job's shuffles (source to the ingest fair share, fair share to
 * normalize), written field after field in a fixed order by plain code: the strings, the vendor
 * line above all, as UTF-8 arrays that the JDK encodes and decodes whole, where the POJO serializer
 * it replaces writes and reads them char by char behind a null flag per field.
 *
 * <p>Each string is a varint header and its bytes: 0 is null; an odd header {@code 2n+1} is {@code
 * n} UTF-8 bytes; an even header {@code 2n+2} is {@code n} UTF-16 chars, the exact form of a string
 * with an unpaired surrogate (from a JSON escape in an envelope or a vendor API), which UTF-8
 * cannot carry: the round trip is exact for every string, as the POJO serializer's is.
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

    /** The longest string a header can count (in UTF-8 bytes or chars). */
    private static final int MAX_LENGTH = (Integer.MAX_VALUE - 2) / 2;

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

    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        if (s.length() > MAX_LENGTH / 3) {
            throw new IOException("a RawEvent string of " + s.length() + " chars is too long");
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (Utf8Exactness.isExact(s, utf8)) {
            VarInts.write(2 * utf8.length + 1, out);
            out.write(utf8);
            return;
        }
        VarInts.write(2 * s.length() + 2, out);
        for (int i = 0; i < s.length(); i++) {
            out.writeChar(s.charAt(i));
        }
    }

    static String readString(DataInputView in) throws IOException {
        int header = VarInts.read(in, RECORD);
        if (header == 0) {
            return null;
        }
        int n = (header - 1) >>> 1;
        if ((header & 1) == 1) {
            byte[] utf8 = new byte[n];
            in.readFully(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
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
