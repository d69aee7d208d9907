package io.securitycoach.savepoints;

import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The newest element of each key, emitted once the key's input has ended (its timer fires): a
 * dump's final word per person or per identity, before it is written as state. In the batch writer
 * job ({@link StateTool#writerEnvironment}) the input arrives sorted by key, so a task holds one
 * key at a time, however large the directory.
 */
public class NewestPerKey<T> extends KeyedProcessFunction<String, T, T> {
    private final Class<T> type;
    private final Newer<T> newer;
    private transient ValueState<T> newest;

    NewestPerKey(Class<T> type, Newer<T> newer) {
        this.type = type;
        this.newer = newer;
    }

    @Override
    public void open(OpenContext openContext) {
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", type));
    }

    @Override
    public void processElement(T element, Context ctx, Collector<T> out) throws Exception {
        T before = newest.value();
        if (before == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (before == null || newer.test(element, before)) {
            newest.update(element);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        out.collect(newest.value());
        newest.clear();
    }

    /** Whether a candidate replaces the current newest element. */
    @FunctionalInterface
    interface Newer<T> extends Serializable {
        boolean test(T candidate, T current);
    }
}
