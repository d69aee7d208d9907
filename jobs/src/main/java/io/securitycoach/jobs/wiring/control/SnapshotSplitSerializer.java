package io.securitycoach.jobs.wiring.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Splits in checkpoints: a reader's split, and the enumerator's splits not yet handed out (a list).
 * Version 2: fingerprint, next, size. Version 1 is the state of the finite source this one replaced
 * under the same uid ({@code fromData}: Flink's number-sequence splits, whose serializers are at
 * version 1): its split reads as a snapshot fully sent of unknown content, its enumerator as having
 * nothing left to hand out.
 */
final class SnapshotSplitSerializer implements SimpleVersionedSerializer<SnapshotSplit> {
    static final SnapshotSplitSerializer INSTANCE = new SnapshotSplitSerializer();
    private static final int VERSION = 2;
    private static final int REPLACED_SOURCE = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SnapshotSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public SnapshotSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version == REPLACED_SOURCE) {
            return new SnapshotSplit("", 0, 0);
        }
        checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    private static void write(SnapshotSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.fingerprint);
        out.writeInt(split.next);
        out.writeInt(split.size);
    }

    private static SnapshotSplit read(DataInputStream in) throws IOException {
        return new SnapshotSplit(in.readUTF(), in.readInt(), in.readInt());
    }

    private static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("control snapshot split of unknown version " + version);
        }
    }

    /** The enumerator's pending splits. */
    static final class Pending implements SimpleVersionedSerializer<List<SnapshotSplit>> {
        static final Pending INSTANCE = new Pending();

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(List<SnapshotSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (SnapshotSplit split : splits) {
                    write(split, out);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public List<SnapshotSplit> deserialize(int version, byte[] serialized) throws IOException {
            if (version == REPLACED_SOURCE) {
                return List.of();
            }
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int count = in.readInt();
                List<SnapshotSplit> splits = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    splits.add(read(in));
                }
                return splits;
            }
        }
    }
}
