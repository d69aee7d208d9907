package io.securitycoach.records.serial;

import io.securitycoach.schema.SecurityEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint keeps of {@link SecurityEventSerializer}: its wire format version, so that a
 * later format knows what it reads. Format 1 is the only one: a snapshot of it restores the same
 * serializer; a snapshot of an unknown (newer) format is refused with its number.
 */
public final class SecurityEventSerializerSnapshot
        implements TypeSerializerSnapshot<SecurityEvent> {
    /** The version of this snapshot's own layout (one int: the wire format). */
    private static final int SNAPSHOT_VERSION = 1;

    private int format = SecurityEventSerializer.FORMAT_VERSION;

    /** For Flink's reflective instantiation on restore. */
    public SecurityEventSerializerSnapshot() {}

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
            throw new IOException(
                    "unknown SecurityEvent serializer snapshot version " + readVersion);
        }
        format = in.readInt();
        if (format < 1 || format > SecurityEventSerializer.FORMAT_VERSION) {
            throw new IOException(
                    "SecurityEvent wire format "
                            + format
                            + " is not known to this version (it reads 1.."
                            + SecurityEventSerializer.FORMAT_VERSION
                            + ")");
        }
    }

    @Override
    public TypeSerializer<SecurityEvent> restoreSerializer() {
        return SecurityEventSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<SecurityEvent> resolveSchemaCompatibility(
            TypeSerializerSnapshot<SecurityEvent> oldSerializerSnapshot) {
        if (!(oldSerializerSnapshot instanceof SecurityEventSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        // A format 2 would read format 1 through this snapshot's restoreSerializer() (a format-1
        // reader, then) and migrate; with format 1 the only one, it is always "as is".
        int old = ((SecurityEventSerializerSnapshot) oldSerializerSnapshot).format();
        return old == SecurityEventSerializer.FORMAT_VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
