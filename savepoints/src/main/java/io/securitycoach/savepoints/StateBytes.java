package io.securitycoach.savepoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * State values to bytes and back with the state's own serializer (what the savepoint holds anyway).
 */
final class StateBytes {
    private StateBytes() {}

    static <T> byte[] write(TypeSerializer<T> serializer, T value) {
        DataOutputSerializer out = new DataOutputSerializer(128);
        try {
            serializer.serialize(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getCopyOfBuffer();
    }

    static <T> T read(TypeSerializer<T> serializer, byte[] bytes) {
        try {
            return serializer.deserialize(new DataInputDeserializer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
