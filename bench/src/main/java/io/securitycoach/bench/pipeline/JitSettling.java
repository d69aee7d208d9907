package io.securitycoach.bench.pipeline;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;

/**
 * Waits until the JIT has compiled what the job runs: on two cores the JVM has one C2 compiler
 * thread, and a job this size keeps it busy for a minute or more, while methods wait in its queue,
 * running interpreted (a profile of the span showed the event deserializer's string reads
 * interpreted for 37 s, and the same code measured 4,700 and 7,300 events per CPU-second in two
 * runs). Settled: the compilers' accumulated time grew by less than {@link
 * #QUIET_MILLIS_PER_SECOND} a second for {@link #QUIET_SECONDS} seconds in a row.
 */
final class JitSettling {
    static final long QUIET_MILLIS_PER_SECOND = 50;
    static final int QUIET_SECONDS = 3;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private JitSettling() {}

    /** Milliseconds the compiler threads have spent compiling since the JVM started. */
    static long compilationMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported()
                ? JIT.getTotalCompilationTime()
                : 0;
    }

    /**
     * Waits for a settled JIT or for {@code giveUp} to hold, whichever comes first.
     *
     * @return whether the JIT settled
     */
    static boolean await(BooleanSupplier giveUp) throws InterruptedException {
        if (JIT == null || !JIT.isCompilationTimeMonitoringSupported()) {
            return false;
        }
        int quietSeconds = 0;
        long last = compilationMillis();
        while (!giveUp.getAsBoolean()) {
            Thread.sleep(1_000);
            long now = compilationMillis();
            quietSeconds = now - last < QUIET_MILLIS_PER_SECOND ? quietSeconds + 1 : 0;
            last = now;
            if (quietSeconds >= QUIET_SECONDS) {
                return true;
            }
        }
        return false;
    }
}
