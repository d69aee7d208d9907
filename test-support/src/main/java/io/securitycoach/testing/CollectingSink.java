package io.securitycoach.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Keeps what a MiniCluster job writes, in memory, for the test to read while the job runs or after:
 * every parallel writer appends to one list (synchronized), and {@link #values()} is a copy. The
 * job runs in the test's JVM, so the writers find the list by id in a static registry; the sink
 * shipped to the tasks holds only that id.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        COLLECTED.put(id, new ArrayList<>());
    }

    /** What was written so far, in arrival order (across writers: the order they wrote in). */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        List<Object> list = COLLECTED.get(id);
        synchronized (list) {
            return new ArrayList<>((List<T>) list);
        }
    }

    public List<T> values(Predicate<? super T> which) {
        List<T> out = new ArrayList<>();
        for (T value : values()) {
            if (which.test(value)) {
                out.add(value);
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(Sink.InitContext context) {
        return new Writer<>(COLLECTED.get(id));
    }

    /** Appends to the shared list. */
    private static final class Writer<T> implements SinkWriter<T> {
        private final List<Object> list;

        Writer(List<Object> list) {
            this.list = list;
        }

        @Override
        public void write(T element, Context context) {
            synchronized (list) {
                list.add(element);
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
