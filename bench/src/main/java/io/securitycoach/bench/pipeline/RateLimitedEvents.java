package io.securitycoach.bench.pipeline;

import io.securitycoach.local.generate.EventGenerator;
import io.securitycoach.records.RawEvent;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * Generator records at a fixed rate, once the run opens the gate (the directory is loaded first).
 * Remembers when each record left the source, by its number, for source-to-notification latency.
 * The run is one JVM, so the gate and the emission times are static.
 */
@SuppressWarnings("deprecation") // a SourceFunction: the simplest gate in one JVM for a bench
final class RateLimitedEvents implements SourceFunction<RawEvent> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean GATE = new AtomicBoolean();
    static final ConcurrentHashMap<Long, Long> EMITTED_MILLIS = new ConcurrentHashMap<>();

    private final EventGenerator generator;
    private final long count;
    private final double perSecond;
    private volatile boolean running = true;

    RateLimitedEvents(EventGenerator generator, long count, double perSecond) {
        this.generator = generator;
        this.count = count;
        this.perSecond = perSecond;
    }

    @Override
    public void run(SourceContext<RawEvent> ctx) throws Exception {
        while (running && !GATE.get()) {
            Thread.sleep(50);
        }
        long start = System.nanoTime();
        for (long n = 0; n < count && running; n++) {
            long due = start + (long) (n * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            RawEvent e = generator.event(n);
            synchronized (ctx.getCheckpointLock()) {
                EMITTED_MILLIS.put(n, System.currentTimeMillis());
                ctx.collect(e);
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
