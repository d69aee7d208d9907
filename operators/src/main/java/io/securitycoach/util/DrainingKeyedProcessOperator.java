package io.securitycoach.util;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * A keyed process operator whose function holds records back on processing-time timers and must
 * hand them all on when a bounded input ends (Flink drops pending processing-time timers then): at
 * the end of input it calls {@link Drainable#drain} once for every key that holds state named
 * {@link Drainable#drainedState}. Use: {@code keyed.transform(name, type, new
 * DrainingKeyedProcessOperator<>(fn))}.
 */
public class DrainingKeyedProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT>
        implements BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** A function that can release everything it holds for the current key. */
    public interface Drainable<OUT> {
        /** The keyed state whose keys hold something to release. */
        String drainedState();

        /** Releases all the current key holds, now. */
        void drain(Collector<OUT> out) throws Exception;
    }

    public <F extends KeyedProcessFunction<K, IN, OUT> & Drainable<OUT>>
            DrainingKeyedProcessOperator(F function) {
        super(function);
    }

    @SuppressWarnings("unchecked")
    private Drainable<OUT> drainable() {
        return (Drainable<OUT>) userFunction;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endInput() throws Exception {
        List<Object> keys;
        try (Stream<Object> held =
                getKeyedStateBackend()
                        .getKeys(drainable().drainedState(), VoidNamespace.INSTANCE)) {
            keys = held.collect(Collectors.toList()); // released below: not while iterating
        }
        TimestampedCollector<OUT> out = new TimestampedCollector<>(output);
        out.eraseTimestamp();
        for (Object key : keys) {
            setCurrentKey(key);
            drainable().drain(out);
        }
    }
}
