package io.securitycoach.records.serial;

import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * native copy of its own, half of the deserialization's time.
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
    private static final ThreadLocal<DataOutputSerializer> BODY_BUFFER =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

    /** Blocks up to this size are read into {@link #REUSED_BLOCK}; an event is about 1 KiB. */
    private static final int REUSED_BLOCK_BYTES = 64 * 1024;

    private static final ThreadLocal<byte[]> REUSED_BLOCK =
            ThreadLocal.withInitial(() -> new byte[REUSED_BLOCK_BYTES]);

    /** The body of the event being read, over a heap array. */
    private static final ThreadLocal<DataInputDeserializer> BODY_READER =
            ThreadLocal.withInitial(DataInputDeserializer::new);

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
        DataOutputSerializer body = BODY_BUFFER.get();
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
        DataInputDeserializer body = BODY_READER.get();
        body.setBuffer(readBlock(in, length), 0, length);
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
     * The block's bytes: into a reused array when small (strings are copied out of it), else into
     * one grown as its bytes arrive, so that a corrupt length cannot allocate more than twice what
     * the stream holds before it ends.
     */
    private static byte[] readBlock(DataInputView in, int length) throws IOException {
        try {
            if (length <= REUSED_BLOCK_BYTES) {
                byte[] block = REUSED_BLOCK.get();
                in.readFully(block, 0, length);
                return block;
            }
            byte[] block = new byte[REUSED_BLOCK_BYTES];
            int read = 0;
            while (read < length) {
                if (read == block.length) {
                    block = Arrays.copyOf(block, (int) Math.min(length, 2L * block.length));
                }
                int chunk = Math.min(block.length, length) - read;
                in.readFully(block, read, chunk);
                read += chunk;
            }
            return block;
        } catch (EOFException cut) {
            throw new IOException(
                    "a SecurityEvent record ends inside its fields ("
                            + length
                            + " bytes announced)",
                    cut);
        }
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
        writeString(e.resolution, out);
        writeProfile(e.user, out);
    }

    private static SecurityEvent readBody(DataInputView in) throws IOException {
        SecurityEvent e = new SecurityEvent();
        readSchema(e, in);
        readActorAndTarget(e, in);
        e.raw = readRaw(in);
        e.identityKey = readString(in);
        e.userId = readString(in);
        e.resolution = readString(in);
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
        writeString(e.orgId, out);
        writeString(e.eventUid, out);
        writeString(e.vendor, out);
        writeString(e.product, out);
        writeString(e.eventClass, out);
        out.writeInt(e.classUid);
        writeString(e.category, out);
        writeString(e.activity, out);
        writeString(e.action, out);
        writeString(e.outcome, out);
        writeString(e.severity, out);
        out.writeLong(e.eventTime);
        out.writeLong(e.ingestTime);
        writeString(e.message, out);
    }

    private static void readSchema(SecurityEvent e, DataInputView in) throws IOException {
        e.orgId = readString(in);
        e.eventUid = readString(in);
        e.vendor = readString(in);
        e.product = readString(in);
        e.eventClass = readString(in);
        e.classUid = in.readInt();
        e.category = readString(in);
        e.activity = readString(in);
        e.action = readString(in);
        e.outcome = readString(in);
        e.severity = readString(in);
        e.eventTime = in.readLong();
        e.ingestTime = in.readLong();
        e.message = readString(in);
    }

    private static void writeActorAndTarget(SecurityEvent e, DataOutputView out)
            throws IOException {
        for (String s :
                new String[] {
                    e.actorEmail,
                    e.actorUserName,
                    e.actorDomain,
                    e.actorHost,
                    e.actorIp,
                    e.actorDisplayName,
                    e.url,
                    e.urlHost,
                    e.urlCategory,
                    e.app,
                    e.threatName,
                    e.fileName,
                    e.fileType,
                    e.fileHash,
                    e.processName,
                    e.commandLine,
                    e.mitreTactic,
                    e.mitreTechnique,
                    e.emailSender,
                    e.emailSubject,
                    e.dlpProfile
                }) {
            writeString(s, out);
        }
    }

    private static void readActorAndTarget(SecurityEvent e, DataInputView in) throws IOException {
        e.actorEmail = readString(in);
        e.actorUserName = readString(in);
        e.actorDomain = readString(in);
        e.actorHost = readString(in);
        e.actorIp = readString(in);
        e.actorDisplayName = readString(in);
        e.url = readString(in);
        e.urlHost = readString(in);
        e.urlCategory = readString(in);
        e.app = readString(in);
        e.threatName = readString(in);
        e.fileName = readString(in);
        e.fileType = readString(in);
        e.fileHash = readString(in);
        e.processName = readString(in);
        e.commandLine = readString(in);
        e.mitreTactic = readString(in);
        e.mitreTechnique = readString(in);
        e.emailSender = readString(in);
        e.emailSubject = readString(in);
        e.dlpProfile = readString(in);
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
        writeStrings(raw.keys, out);
        writeStrings(raw.values, out);
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
        raw.keys = readStrings(count, in);
        raw.values = readStrings(in);
        return raw;
    }

    private static void writeProfile(UserProfile p, DataOutputView out) throws IOException {
        out.writeBoolean(p != null);
        if (p == null) {
            return;
        }
        for (String s :
                new String[] {
                    p.userId,
                    p.email,
                    p.firstName,
                    p.lastName,
                    p.department,
                    p.title,
                    p.location,
                    p.managerEmail
                }) {
            writeString(s, out);
        }
        writeStrings(p.tags, out);
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
        p.department = readString(in);
        p.title = readString(in);
        p.location = readString(in);
        p.managerEmail = readString(in);
        p.tags = readStrings(in);
        return p;
    }

    /** An array as its length (-1: null) and its strings. */
    private static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            writeString(values[i], out);
        }
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        return readStrings(in.readInt(), in);
    }

    private static String[] readStrings(int n, DataInputView in) throws IOException {
        if (n == -1) {
            return null;
        }
        requireBytes(n, n, in); // each string takes a byte at least
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = readString(in);
        }
        return values;
    }

    /**
     * A string as its UTF-8 length plus one (0: null; a varint, one byte below 127) and its UTF-8
     * bytes: the JDK encodes and decodes whole arrays (fast for the ASCII most fields hold), where
     * Flink's string encoding writes and reads char by char.
     */
    private static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        VarInts.write(utf8.length + 1, out);
        out.write(utf8);
    }

    private static String readString(DataInputView in) throws IOException {
        int n = VarInts.read(in, "SecurityEvent");
        if (n == 0) {
            return null;
        }
        requireBytes(n - 1, n, in);
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
