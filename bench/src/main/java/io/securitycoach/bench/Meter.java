package io.securitycoach.bench;

import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.schema.SecurityEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts what leaves the pipeline, in JVM-wide counters the load run reads (the run is one JVM).
 */
public class Meter extends ProcessFunction<SecurityEvent, SecurityEvent> {
    static final AtomicLong OUT = new AtomicLong();
    static final AtomicLong RESOLVED = new AtomicLong();
    static final AtomicLong LATE = new AtomicLong();
    static final AtomicLong UNRESOLVED = new AtomicLong();
    static final AtomicLong ENRICHED = new AtomicLong();
    static final AtomicLong FIRST_OUT_NANOS = new AtomicLong();
    static final AtomicLong LAST_OUT_NANOS = new AtomicLong();

    @Override
    public void processElement(SecurityEvent e, Context ctx, Collector<SecurityEvent> out) {
        long now = System.nanoTime();
        FIRST_OUT_NANOS.compareAndSet(0, now);
        LAST_OUT_NANOS.set(now);
        OUT.incrementAndGet();
        (IdentityResolver.RESOLVED.equals(e.resolution)
                        ? RESOLVED
                        : IdentityResolver.LATE.equals(e.resolution) ? LATE : UNRESOLVED)
                .incrementAndGet();
        if (e.user != null) {
            ENRICHED.incrementAndGet();
        }
    }
}
