package io.securitycoach.records.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint keeps of a compact serializer: its wire format version, so that a later format
 * knows what it reads. A snapshot of a known format restores the serializer; a snapshot of an
 * unknown (newer) format is refused with its number. Checkpoints name the final subclass, which
 * needs a public no-argument constructor.
 */
abstract class FormatVersionSnapshot<T> implements TypeSerializerSnapshot<T> {
    /** The version of this snapshot's own layout (one int: the wire format). */
    private static final int SNAPSHOT_VERSION = 1;

    private final String record;
    private final int currentFormat;
    private final TypeSerializer<T> serializer;
    private int format;

    FormatVersionSnapshot(String record, int currentFormat, TypeSerializer<T> serializer) {
        this.record = record;
        this.currentFormat = currentFormat;
        this.serializer = serializer;
        this.format = currentFormat;
    }

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
                    "unknown " + record + " serializer snapshot version " + readVersion);
        }
        format = in.readInt();
        if (format < 1 || format > currentFormat) {
            throw new IOException(
                    record
                            + " wire format "
                            + format
                            + " is not known to this version (it reads 1.."
                            + currentFormat
                            + ")");
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializer;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSerializerSnapshot) {
        if (oldSerializerSnapshot == null || oldSerializerSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        // Each format's reader reads the earlier formats too (readSnapshot refuses later ones),
        // so data written in any known format is read as is.
        int old = ((FormatVersionSnapshot<?>) oldSerializerSnapshot).format();
        return old <= currentFormat
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
