package io.securitycoach.savepoints;

import io.securitycoach.directory.IdentityResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Reads every keyed state of one operator, key by key, as {@link StateCell}s (timers included),
 * leaving out the keys an erasure covers. Each key starts with a {@link StateCell#KEY} cell.
 */
public class KeyedStateCells extends KeyedStateReaderFunction<String, StateCell> {
    private final List<StateDescriptor<?, ?>> descriptors;
    private final EraseTarget erase;
    private final boolean withValues;
    private transient List<Reader> readers;
    private transient ValueState<String> identityOwner;

    /**
     * @param erase null to read every key
     */
    public KeyedStateCells(List<StateDescriptor<?, ?>> descriptors, EraseTarget erase) {
        this(descriptors, erase, true);
    }

    private KeyedStateCells(
            List<StateDescriptor<?, ?>> descriptors, EraseTarget erase, boolean withValues) {
        this.descriptors = new ArrayList<>(descriptors);
        this.erase = erase;
        this.withValues = withValues;
    }

    /** For counting: cells without their values. */
    public static KeyedStateCells counting(List<StateDescriptor<?, ?>> descriptors) {
        return new KeyedStateCells(descriptors, null, false);
    }

    @Override
    public void open(Configuration parameters) {
        readers = new ArrayList<>();
        for (StateDescriptor<?, ?> d : descriptors) {
            readers.add(reader(d));
        }
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateCell> out) throws Exception {
        // At least one cell per key: the reader's input format stops at the first key that yields
        // none.
        out.collect(StateCell.of(key, StateCell.KEY, null, null));
        if (erase != null
                && erase.covers(key, identityOwner == null ? null : identityOwner.value())) {
            return;
        }
        for (Reader r : readers) {
            r.read(key, out);
        }
        for (long t : ctx.registeredEventTimeTimers()) {
            out.collect(StateCell.timer(key, StateCell.EVENT_TIMER, t));
        }
        for (long t : ctx.registeredProcessingTimeTimers()) {
            out.collect(StateCell.timer(key, StateCell.PROCESSING_TIMER, t));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Reader reader(StateDescriptor<?, ?> d) {
        switch (d.getType()) {
            case VALUE:
                ValueStateDescriptor value = (ValueStateDescriptor) d;
                return valueReader(withValues, getRuntimeContext().getState(value), value);
            case LIST:
                ListStateDescriptor list = (ListStateDescriptor) d;
                return listReader(withValues, getRuntimeContext().getListState(list), list);
            case MAP:
                MapStateDescriptor map = (MapStateDescriptor) d;
                return mapReader(withValues, getRuntimeContext().getMapState(map), map);
            default:
                throw new IllegalArgumentException(
                        "state kind not supported: " + d.getName() + " " + d.getType());
        }
    }

    @SuppressWarnings("unchecked")
    private <T> Reader valueReader(
            boolean withValues, ValueState<T> state, ValueStateDescriptor<T> d) {
        if (d.getName().equals(IdentityResolver.OWNER.getName())) {
            identityOwner =
                    (ValueState<String>) state; // an erasure follows identities to their owner
        }
        TypeSerializer<T> serializer = d.getSerializer();
        return (key, out) -> {
            T v = state.value();
            if (v != null) {
                out.collect(
                        StateCell.of(
                                key,
                                d.getName(),
                                null,
                                withValues ? StateBytes.write(serializer, v) : null));
            }
        };
    }

    private static <T> Reader listReader(
            boolean withValues, ListState<T> state, ListStateDescriptor<T> d) {
        TypeSerializer<T> serializer = d.getElementSerializer();
        return (key, out) -> {
            Iterable<T> items = state.get();
            for (T v : items == null ? List.<T>of() : items) {
                out.collect(
                        StateCell.of(
                                key,
                                d.getName(),
                                null,
                                withValues ? StateBytes.write(serializer, v) : null));
            }
        };
    }

    private static <K, V> Reader mapReader(
            boolean withValues, MapState<K, V> state, MapStateDescriptor<K, V> d) {
        TypeSerializer<K> keys = d.getKeySerializer();
        TypeSerializer<V> values = d.getValueSerializer();
        return (key, out) -> {
            for (Map.Entry<K, V> e : state.entries()) {
                out.collect(
                        withValues
                                ? StateCell.of(
                                        key,
                                        d.getName(),
                                        StateBytes.write(keys, e.getKey()),
                                        StateBytes.write(values, e.getValue()))
                                : StateCell.of(key, d.getName(), null, null));
            }
        };
    }

    /** Emits one state of the current key. */
    @FunctionalInterface
    private interface Reader {
        void read(String key, Collector<StateCell> out) throws Exception;
    }
}
