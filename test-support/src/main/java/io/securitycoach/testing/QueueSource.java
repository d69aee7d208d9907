package io.securitycoach.testing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * A stream the test feeds while the job runs (control messages, events), step by step: each record
 * added is emitted, in order, by one task, until {@link #end()}. The job runs in the test's JVM (a
 * MiniCluster), so the task finds the queue by id in a static registry; the function shipped to the
 * task holds only that id. The task blocks while the queue is empty: not for jobs that checkpoint.
 */
public final class QueueSource<T> {
    private static final Map<String, BlockingQueue<Object>> QUEUES = new ConcurrentHashMap<>();

    /** The end marker; one instance per JVM, which is where the job runs. */
    private static final Object END = new Object();

    private final String id = UUID.randomUUID().toString();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final TypeInformation<T> type;

    private QueueSource(TypeInformation<T> type) {
        this.type = type;
        QUEUES.put(id, queue);
    }

    public static <T> QueueSource<T> of(Class<T> type) {
        return new QueueSource<>(TypeInformation.of(type));
    }

    public static <T> QueueSource<T> of(TypeInformation<T> type) {
        return new QueueSource<>(type);
    }

    /** The stream of what is added, one task (parallelism 1), ending at {@link #end()}. */
    public DataStream<T> stream(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 0)
                .flatMap(new Drain<T>(id))
                .returns(type)
                .setParallelism(1)
                .name("Test queue");
    }

    public void add(T record) {
        queue.add(record);
    }

    /** Ends the stream once everything added before has been emitted. */
    public void end() {
        queue.add(END);
    }

    /** Emits the queue's records until the end marker. */
    private static final class Drain<T> implements FlatMapFunction<Long, T> {
        private static final long serialVersionUID = 1L;
        private final String id;

        Drain(String id) {
            this.id = id;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void flatMap(Long ignored, Collector<T> out) throws Exception {
            BlockingQueue<Object> queue = QUEUES.get(id);
            for (Object item = queue.take(); item != END; item = queue.take()) {
                out.collect((T) item);
            }
            QUEUES.remove(id);
        }
    }
}
