package io.securitycoach.savepoints;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;

/**
 * The broadcast state to write into an operator, serialized with its descriptors' serializers so it
 * travels inside a bootstrap function (broadcast state is small: rules, parsers, org settings).
 */
public final class BroadcastEntries implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, MapStateDescriptor<?, ?>> descriptors = new LinkedHashMap<>();
    private final Map<String, List<byte[][]>> entries = new LinkedHashMap<>();

    /** Adds a state (even an empty one, so it exists after the restore) with its entries. */
    public <K, V> BroadcastEntries add(MapStateDescriptor<K, V> descriptor, Map<K, V> content) {
        descriptor.initializeSerializerUnlessSet(new ExecutionConfig());
        List<byte[][]> pairs = new ArrayList<>();
        for (Map.Entry<K, V> e : content.entrySet()) {
            pairs.add(
                    new byte[][] {
                        StateBytes.write(descriptor.getKeySerializer(), e.getKey()),
                        StateBytes.write(descriptor.getValueSerializer(), e.getValue())
                    });
        }
        descriptors.put(descriptor.getName(), descriptor);
        entries.put(descriptor.getName(), pairs);
        return this;
    }

    public boolean isEmpty() {
        return descriptors.isEmpty();
    }

    /**
     * Puts every entry into the operator's broadcast state (what a bootstrap function does on
     * start).
     */
    void writeTo(OperatorStateStore store) throws Exception {
        for (Map.Entry<String, MapStateDescriptor<?, ?>> d : descriptors.entrySet()) {
            write(store, d.getValue(), entries.get(d.getKey()));
        }
    }

    private static <K, V> void write(
            OperatorStateStore store, MapStateDescriptor<K, V> d, List<byte[][]> pairs)
            throws Exception {
        BroadcastState<K, V> state = store.getBroadcastState(d);
        for (byte[][] pair : pairs) {
            state.put(
                    StateBytes.read(d.getKeySerializer(), pair[0]),
                    StateBytes.read(d.getValueSerializer(), pair[1]));
        }
    }
}
