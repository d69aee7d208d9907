package io.securitycoach.bench.pipeline;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Wall and process CPU time between two marks (the run is one JVM: job, receiver and harness). */
final class Span {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long wallStart;
    private long cpuStart;
    private long jitStart;
    private long wallEnd;
    private long cpuEnd;
    private long jitEnd;

    static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    void start() {
        wallStart = System.nanoTime();
        cpuStart = cpuNanos();
        jitStart = JitSettling.compilationMillis();
        end();
        jitEnd = jitStart;
    }

    /** Called as often as the span's end moves: wall and process CPU only. */
    void end() {
        wallEnd = System.nanoTime();
        cpuEnd = cpuNanos();
    }

    /** The JIT's side of the end, read once (a read of every thread's times in /proc). */
    void endJit() {
        jitEnd = JitSettling.compilationMillis();
    }

    /** CPU the JIT's compiler threads used in the span (part of its CPU; Linux only, else 0). */
    double jitSeconds() {
        return (jitEnd - jitStart) / 1e3;
    }

    double wallSeconds() {
        return (wallEnd - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return (cpuEnd - cpuStart) / 1e9;
    }
}
