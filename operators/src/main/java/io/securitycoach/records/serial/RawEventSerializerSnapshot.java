package io.securitycoach.records.serial;

import io.securitycoach.records.RawEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint keeps of {@link RawEventSerializer}: its wire format version, so that a later
 * format knows what it reads. Format 1 is the only one: a snapshot of it restores the same
 * serializer; a snapshot of an unknown (newer) format is refused with its number.
 */
public final class RawEventSerializerSnapshot implements TypeSerializerSnapshot<RawEvent> {
    /** The version of this snapshot's own layout (one int: the wire format). */
    private static final int SNAPSHOT_VERSION = 1;

    private int format = RawEventSerializer.FORMAT_VERSION;

    /** For Flink's reflective instantiation on restore. */
    public RawEventSerializerSnapshot() {}

    int format() {
        return format;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException("unknown RawEvent serializer snapshot version " + readVersion);
        }
        format = in.readInt();
        if (format < 1 || format > RawEventSerializer.FORMAT_VERSION) {
            throw new IOException(
                    "RawEvent wire format "
                            + format
                            + " is not known to this version (it reads 1.."
                            + RawEventSerializer.FORMAT_VERSION
                            + ")");
        }
    }

    @Override
    public TypeSerializer<RawEvent> restoreSerializer() {
        return RawEventSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<RawEvent> resolveSchemaCompatibility(
            TypeSerializerSnapshot<RawEvent> oldSerializerSnapshot) {
        if (!(oldSerializerSnapshot instanceof RawEventSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        // A format 2 would read format 1 through this snapshot's restoreSerializer() (a format-1
        // reader, then) and migrate; with format 1 the only one, it is always "as is".
        int old = ((RawEventSerializerSnapshot) oldSerializerSnapshot).format();
        return old == RawEventSerializer.FORMAT_VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
