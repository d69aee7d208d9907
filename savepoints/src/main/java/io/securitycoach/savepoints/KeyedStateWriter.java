package io.securitycoach.savepoints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Writes {@link StateCell}s back into an operator's keyed state (timers included), and the
 * operator's broadcast state if it has one: an operator's state is written in one go, keyed and
 * broadcast together.
 */
public class KeyedStateWriter extends KeyedStateBootstrapFunction<String, StateCell>
        implements CheckpointedFunction {
    private final List<StateDescriptor<?, ?>> descriptors;
    private final BroadcastEntries broadcast;
    private transient Map<String, Writer> writers;

    public KeyedStateWriter(List<StateDescriptor<?, ?>> descriptors, BroadcastEntries broadcast) {
        this.descriptors = new ArrayList<>(descriptors);
        this.broadcast = broadcast;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        broadcast.writeTo(context.getOperatorStateStore());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // the broadcast state was written on start; the operator snapshots it
    }

    @Override
    public void open(Configuration parameters) {
        writers = new HashMap<>();
        for (StateDescriptor<?, ?> d : descriptors) {
            writers.put(d.getName(), writer(d));
        }
    }

    @Override
    public void processElement(StateCell cell, Context ctx) throws Exception {
        if (StateCell.KEY.equals(cell.state)) {
            return; // a marker, not state
        }
        if (StateCell.EVENT_TIMER.equals(cell.state)) {
            ctx.timerService().registerEventTimeTimer(cell.timestamp);
        } else if (StateCell.PROCESSING_TIMER.equals(cell.state)) {
            ctx.timerService().registerProcessingTimeTimer(cell.timestamp);
        } else {
            Writer w = writers.get(cell.state);
            if (w == null) {
                throw new IllegalStateException("no state '" + cell.state + "' in this operator");
            }
            w.write(cell);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Writer writer(StateDescriptor<?, ?> d) {
        switch (d.getType()) {
            case VALUE:
                return valueWriter((ValueStateDescriptor) d);
            case LIST:
                return listWriter((ListStateDescriptor) d);
            case MAP:
                return mapWriter((MapStateDescriptor) d);
            default:
                throw new IllegalArgumentException(
                        "state kind not supported: " + d.getName() + " " + d.getType());
        }
    }

    private <T> Writer valueWriter(ValueStateDescriptor<T> d) {
        var state = getRuntimeContext().getState(d);
        return cell -> state.update(StateBytes.read(d.getSerializer(), cell.value));
    }

    private <T> Writer listWriter(ListStateDescriptor<T> d) {
        var state = getRuntimeContext().getListState(d);
        return cell -> state.add(StateBytes.read(d.getElementSerializer(), cell.value));
    }

    private <K, V> Writer mapWriter(MapStateDescriptor<K, V> d) {
        var state = getRuntimeContext().getMapState(d);
        return cell ->
                state.put(
                        StateBytes.read(d.getKeySerializer(), cell.mapKey),
                        StateBytes.read(d.getValueSerializer(), cell.value));
    }

    /** Writes one cell into the current key's state. */
    @FunctionalInterface
    private interface Writer {
        void write(StateCell cell) throws Exception;
    }
}
