package io.securitycoach.records.serial;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Unsigned varints for the compact serializers' lengths: one byte below 128, at most five. */
final class VarInts {
    private VarInts() {}

    static void write(int value, DataOutputView out) throws IOException {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    /**
     * @param record what is being read, for the message of a malformed length
     */
    static int read(DataInputView in, String record) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed length in a " + record + " record");
    }
}
