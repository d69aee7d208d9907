package io.securitycoach.records.serial;

import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.DataInputViewStream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link SecurityEvent} on the job's shuffles, written field after field in a fixed order by
 * plain code: no reflection, no null flag per field (a null string is one byte), strings as UTF-8
 * arrays, the raw fields as a count and pairs, the profile behind one presence byte. The POJO
 * serializer it replaces on the network reads and writes every field through reflection, nested
 * POJOs and arrays included.
 *
 * <p>Format 3 writes those fields (the body) behind a marker and the body's length, so that the
 * reader takes the body out of the network buffer in one copy and reads its fields from a heap
 * array: read field by field from an off-heap network buffer, each string paid a bounds-checked
 * native copy of its own, half of the deserialization's time. Strings are decoded straight from
 * that array, and the fields of few distinct values (vendor, class, outcome, department, raw
 * keys...) are shared with the events read before ({@link BlockInput}) and written from the bytes
 * kept for them ({@link BlockOutput}): same bytes on the wire, a third less deserialization in the
 * job.
 *
 * <p>Used for records in flight only ({@link SecurityEventTypeInfo} on the streams that cross a
 * shuffle); events held in keyed state keep the POJO serializer, so savepoint layouts do not
 * change. Unaligned checkpoints persist in-flight records with it: the snapshot is versioned
 * ({@link SecurityEventSerializerSnapshot}) so a later format can read this one.
 */
public final class SecurityEventSerializer extends TypeSerializer<SecurityEvent> {
    private static final long serialVersionUID = 1L;

    /**
     * The wire format; a change of field order or encoding is a new version, whose reader still
     * reads the earlier ones. 2: raw fields may cross as the record's text ({@link #DEFERRED_RAW}).
     * 3: format 2's fields behind {@link #BLOCK_MARKER} and their length.
     */
    static final int FORMAT_VERSION = 3;

    /**
     * Format 3's first byte, then 0: a varint of 0 in two bytes, which format 2 never starts with
     * (its first bytes are the org's length plus one as a varint in the fewest bytes).
     */
    private static final int BLOCK_MARKER = 0x80;

    /** In place of the raw fields' count: the record's JSON text follows, not yet flattened. */
    private static final int DEFERRED_RAW = -2;

    public static final SecurityEventSerializer INSTANCE = new SecurityEventSerializer();

    private static final ThreadLocal<DataOutputSerializer> COPY_BUFFER =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

    /** The body of the event being written; serialize is not reentrant. */
    private static final ThreadLocal<BlockOutput> BODY_BUFFER =
            ThreadLocal.withInitial(BlockOutput::new);

    /** The body of the event being read, over a heap array. */
    private static final ThreadLocal<BlockInput> BODY_READER =
            ThreadLocal.withInitial(BlockInput::new);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SecurityEvent> duplicate() {
        return this; // stateless
    }

    @Override
    public SecurityEvent createInstance() {
        return new SecurityEvent();
    }

    /**
     * A deep copy as a round trip through bytes: copies run only between chained operators without
     * object reuse (the job enables it), so the shortest correct copy is enough.
     */
    @Override
    public SecurityEvent copy(SecurityEvent from) {
        DataOutputSerializer buffer = COPY_BUFFER.get();
        buffer.clear();
        try {
            serialize(from, buffer);
            return deserialize(
                    new DataInputDeserializer(buffer.getSharedBuffer(), 0, buffer.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying a SecurityEvent in memory failed", e);
        }
    }

    @Override
    public SecurityEvent copy(SecurityEvent from, SecurityEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SecurityEvent e, DataOutputView out) throws IOException {
        BlockOutput body = BODY_BUFFER.get();
        body.clear();
        writeBody(e, body);
        out.writeByte(BLOCK_MARKER);
        out.writeByte(0);
        VarInts.write(body.length(), out);
        out.write(body.getSharedBuffer(), 0, body.length());
    }

    /** Reads formats 1 to 3: the first two bytes tell format 3 from the earlier ones. */
    @Override
    public SecurityEvent deserialize(DataInputView in) throws IOException {
        int first = in.readUnsignedByte();
        if (first != BLOCK_MARKER) {
            return readBody(withFirstBytes(in, first));
        }
        int second = in.readUnsignedByte();
        if (second != 0) {
            return readBody(withFirstBytes(in, first, second));
        }
        int length = VarInts.read(in, "SecurityEvent");
        if (length < 0) {
            throw new IOException("malformed length in a SecurityEvent record");
        }
        BlockInput body = BODY_READER.get();
        try {
            body.fill(in, length);
        } catch (EOFException cut) {
            throw new IOException(
                    "a SecurityEvent record ends inside its fields ("
                            + length
                            + " bytes announced)",
                    cut);
        }
        SecurityEvent e;
        try {
            e = readBody(body);
        } catch (EOFException tooShort) {
            throw new IOException(
                    "a SecurityEvent record's fields run past its length (" + length + " bytes)",
                    tooShort);
        }
        if (body.available() != 0) {
            throw new IOException("a SecurityEvent record has bytes past its fields");
        }
        return e;
    }

    /**
     * A format 1 or 2 record (in-flight data of an unaligned checkpoint taken by an earlier
     * version) whose first bytes were read to look for the marker: read again ahead of the rest.
     */
    private static DataInputView withFirstBytes(DataInputView in, int... first) {
        byte[] head = new byte[first.length];
        for (int i = 0; i < first.length; i++) {
            head[i] = (byte) first[i];
        }
        return new DataInputViewStreamWrapper(
                new SequenceInputStream(
                        new ByteArrayInputStream(head), new DataInputViewStream(in)));
    }

    private static void writeBody(SecurityEvent e, DataOutputView out) throws IOException {
        writeSchema(e, out);
        writeActorAndTarget(e, out);
        writeRaw(e.raw, out);
        writeString(e.identityKey, out);
        writeString(e.userId, out);
        writeRecurring(e.resolution, out);
        writeProfile(e.user, out);
    }

    private static SecurityEvent readBody(DataInputView in) throws IOException {
        SecurityEvent e = new SecurityEvent();
        readSchema(e, in);
        readActorAndTarget(e, in);
        e.raw = readRaw(in);
        e.identityKey = readString(in);
        e.userId = readString(in);
        e.resolution = readRecurring(in);
        e.user = readProfile(in);
        return e;
    }

    @Override
    public SecurityEvent deserialize(SecurityEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeSchema(SecurityEvent e, DataOutputView out) throws IOException {
        writeRecurring(e.orgId, out);
        writeString(e.eventUid, out);
        writeRecurring(e.vendor, out);
        writeRecurring(e.product, out);
        writeRecurring(e.eventClass, out);
        out.writeInt(e.classUid);
        writeRecurring(e.category, out);
        writeRecurring(e.activity, out);
        writeRecurring(e.action, out);
        writeRecurring(e.outcome, out);
        writeRecurring(e.severity, out);
        out.writeLong(e.eventTime);
        out.writeLong(e.ingestTime);
        writeString(e.message, out);
    }

    private static void readSchema(SecurityEvent e, DataInputView in) throws IOException {
        e.orgId = readRecurring(in);
        e.eventUid = readString(in);
        e.vendor = readRecurring(in);
        e.product = readRecurring(in);
        e.eventClass = readRecurring(in);
        e.classUid = in.readInt();
        e.category = readRecurring(in);
        e.activity = readRecurring(in);
        e.action = readRecurring(in);
        e.outcome = readRecurring(in);
        e.severity = readRecurring(in);
        e.eventTime = in.readLong();
        e.ingestTime = in.readLong();
        e.message = readString(in);
    }

    private static void writeActorAndTarget(SecurityEvent e, DataOutputView out)
            throws IOException {
        writeString(e.actorEmail, out);
        writeString(e.actorUserName, out);
        writeRecurring(e.actorDomain, out);
        writeString(e.actorHost, out);
        writeString(e.actorIp, out);
        writeString(e.actorDisplayName, out);
        writeString(e.url, out);
        writeString(e.urlHost, out);
        writeRecurring(e.urlCategory, out);
        writeRecurring(e.app, out);
        writeString(e.threatName, out);
        writeString(e.fileName, out);
        writeRecurring(e.fileType, out);
        writeString(e.fileHash, out);
        writeString(e.processName, out);
        writeString(e.commandLine, out);
        writeRecurring(e.mitreTactic, out);
        writeRecurring(e.mitreTechnique, out);
        writeString(e.emailSender, out);
        writeString(e.emailSubject, out);
        writeRecurring(e.dlpProfile, out);
    }

    private static void readActorAndTarget(SecurityEvent e, DataInputView in) throws IOException {
        e.actorEmail = readString(in);
        e.actorUserName = readString(in);
        e.actorDomain = readRecurring(in);
        e.actorHost = readString(in);
        e.actorIp = readString(in);
        e.actorDisplayName = readString(in);
        e.url = readString(in);
        e.urlHost = readString(in);
        e.urlCategory = readRecurring(in);
        e.app = readRecurring(in);
        e.threatName = readString(in);
        e.fileName = readString(in);
        e.fileType = readRecurring(in);
        e.fileHash = readString(in);
        e.processName = readString(in);
        e.commandLine = readString(in);
        e.mitreTactic = readRecurring(in);
        e.mitreTechnique = readRecurring(in);
        e.emailSender = readString(in);
        e.emailSubject = readString(in);
        e.dlpProfile = readRecurring(in);
    }

    /**
     * Null raw fields (-1) stay null: the POJO serializer kept that apart from none (0). Fields
     * still carried as the record's text ({@link RawFields#deferred}) cross as that one string (-2,
     * format 2), unflattened.
     */
    private static void writeRaw(RawFields raw, DataOutputView out) throws IOException {
        if (raw == null) {
            out.writeInt(-1);
            return;
        }
        String json = raw.json; // read once: the text is dropped when it gets flattened
        if (json != null) {
            out.writeInt(DEFERRED_RAW);
            writeString(json, out);
            return;
        }
        writeStrings(raw.keys, out, true);
        writeStrings(raw.values, out, false);
    }

    /** Reads formats 1 and 2: format 1 never wrote {@link #DEFERRED_RAW}. */
    private static RawFields readRaw(DataInputView in) throws IOException {
        int count = in.readInt();
        if (count == DEFERRED_RAW) {
            return RawFields.deferred(readString(in));
        }
        if (count < 0) {
            return null;
        }
        RawFields raw = new RawFields();
        raw.keys = readStrings(count, in, true);
        raw.values = readStrings(in.readInt(), in, false);
        return raw;
    }

    private static void writeProfile(UserProfile p, DataOutputView out) throws IOException {
        out.writeBoolean(p != null);
        if (p == null) {
            return;
        }
        writeString(p.userId, out);
        writeString(p.email, out);
        writeString(p.firstName, out);
        writeString(p.lastName, out);
        writeRecurring(p.department, out);
        writeRecurring(p.title, out);
        writeRecurring(p.location, out);
        writeString(p.managerEmail, out);
        writeStrings(p.tags, out, true);
    }

    private static UserProfile readProfile(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        UserProfile p = new UserProfile();
        p.userId = readString(in);
        p.email = readString(in);
        p.firstName = readString(in);
        p.lastName = readString(in);
        p.department = readRecurring(in);
        p.title = readRecurring(in);
        p.location = readRecurring(in);
        p.managerEmail = readString(in);
        p.tags = readStrings(in.readInt(), in, true);
        return p;
    }

    /** An array as its length (-1: null) and its strings. */
    private static void writeStrings(String[] values, DataOutputView out, boolean recurring)
            throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            write(values[i], out, recurring);
        }
    }

    /**
     * @param recurring whether the strings are of few distinct values (raw keys, tags)
     */
    private static String[] readStrings(int n, DataInputView in, boolean recurring)
            throws IOException {
        if (n == -1) {
            return null;
        }
        requireBytes(n, n, in); // each string takes a byte at least
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = read(in, recurring);
        }
        return values;
    }

    /**
     * A string as its UTF-8 length plus one (0: null; a varint, one byte below 127) and its UTF-8
     * bytes: the JDK encodes and decodes whole arrays (fast for the ASCII most fields hold), where
     * Flink's string encoding writes and reads char by char.
     */
    private static void writeString(String s, DataOutputView out) throws IOException {
        write(s, out, false);
    }

    private static void write(String s, DataOutputView out, boolean recurring) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 =
                recurring && out instanceof BlockOutput
                        ? ((BlockOutput) out).recurringUtf8(s)
                        : s.getBytes(StandardCharsets.UTF_8);
        VarInts.write(utf8.length + 1, out);
        out.write(utf8);
    }

    /** A string of a field with few distinct values: the same bytes as {@link #writeString}. */
    private static void writeRecurring(String s, DataOutputView out) throws IOException {
        write(s, out, true);
    }

    private static String readString(DataInputView in) throws IOException {
        return read(in, false);
    }

    /**
     * A string of a field with few distinct values: the same value as {@link #readString}, shared
     * with earlier events when it was read lately (format 3; formats 1 and 2 decode every time).
     */
    private static String readRecurring(DataInputView in) throws IOException {
        return read(in, true);
    }

    private static String read(DataInputView in, boolean recurring) throws IOException {
        int n = VarInts.read(in, "SecurityEvent");
        if (n == 0) {
            return null;
        }
        requireBytes(n - 1, n, in);
        if (in instanceof BlockInput) {
            BlockInput block = (BlockInput) in;
            return recurring ? block.recurringUtf8(n - 1) : block.utf8(n - 1);
        }
        byte[] utf8 = new byte[n - 1];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a length that is negative or, in a block (format 3), longer than what is left of it,
     * before anything of that size is allocated.
     */
    private static void requireBytes(int bytes, int read, DataInputView in) throws IOException {
        if (bytes < 0) {
            throw new IOException(
                    "malformed length " + read + " in a SecurityEvent record's fields");
        }
        if (in instanceof DataInputDeserializer
                && bytes > ((DataInputDeserializer) in).available()) {
            throw new IOException(
                    "a SecurityEvent record's fields run past its length (a length of "
                            + read
                            + " where "
                            + ((DataInputDeserializer) in).available()
                            + " bytes are left)");
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SecurityEventSerializer;
    }

    @Override
    public int hashCode() {
        return SecurityEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SecurityEvent> snapshotConfiguration() {
        return new SecurityEventSerializerSnapshot();
    }
}
