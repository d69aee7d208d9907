package io.securitycoach.bench.pipeline;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Wall and process CPU time between two marks (the run is one JVM: job, receiver and harness). */
final class Span {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long wallStart;
    private long cpuStart;
    private long wallEnd;
    private long cpuEnd;

    static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    void start() {
        wallStart = System.nanoTime();
        cpuStart = cpuNanos();
        end();
    }

    void end() {
        wallEnd = System.nanoTime();
        cpuEnd = cpuNanos();
    }

    double wallSeconds() {
        return (wallEnd - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return (cpuEnd - cpuStart) / 1e9;
    }
}
