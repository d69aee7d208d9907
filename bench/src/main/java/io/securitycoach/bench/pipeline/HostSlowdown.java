package io.securitycoach.bench.pipeline;

import static java.util.stream.Collectors.toList;

import io.securitycoach.util.Percentiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much slower than when idle a fixed piece of work ran during the span, in this thread's own
 * CPU time. A VM whose host takes a vCPU away may count the stolen time as the running thread's CPU
 * time (this project's machine reports no steal): the run's CPU-seconds then include it and events
 * per CPU-second fall with it. A ratio near 1 says the CPU-seconds are the job's; 1.7 at p90 says a
 * vCPU was being taken (measured: a loop pinned to the stolen vCPU took 0.43 CPU-s against 0.25).
 * The loop runs about 2 ms every 250 ms (under 1% of a core), on whichever vCPU the scheduler
 * gives.
 */
final class HostSlowdown implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long PERIOD_MILLIS = 250;
    private static final int LOOP = 400_000;
    private static volatile long sink;
    private static long idleNanos;

    private final List<Long> samples = new ArrayList<>();
    private final Thread sampler = new Thread(this::sample, "host-slowdown-sampler");
    private volatile boolean running = true;

    /** The loop's CPU time on an idle machine: call before any job starts. */
    static void calibrate() {
        for (int i = 0; i < 500; i++) {
            work(); // compiled by C2 first (a first try with 20 measured the span's loop 0.64x)
        }
        long[] runs = new long[31];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = work();
        }
        Arrays.sort(runs);
        idleNanos = runs[runs.length / 2];
    }

    /** Starts sampling; nothing when not calibrated. */
    static HostSlowdown start() {
        HostSlowdown s = new HostSlowdown();
        if (idleNanos > 0) {
            s.sampler.setDaemon(true);
            s.sampler.start();
        }
        return s;
    }

    /** p50, p90 and max of the samples over the idle time, or null without samples. */
    double[] ratios() {
        long[] copy;
        synchronized (samples) {
            copy = samples.stream().mapToLong(Long::longValue).toArray();
        }
        return ratios(copy, idleNanos);
    }

    static double[] ratios(long[] nanos, long idle) {
        if (nanos.length == 0 || idle <= 0) {
            return null;
        }
        List<Long> sorted = Percentiles.sorted(Arrays.stream(nanos).boxed().collect(toList()));
        return new double[] {
            (double) Percentiles.nearestRank(sorted, 0.5) / idle,
            (double) Percentiles.nearestRank(sorted, 0.9) / idle,
            (double) Percentiles.nearestRank(sorted, 1.0) / idle
        };
    }

    private void sample() {
        while (running) {
            long nanos = work();
            synchronized (samples) {
                samples.add(nanos);
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The fixed work, timed in this thread's CPU time. */
    private static long work() {
        long start = THREADS.getCurrentThreadCpuTime();
        long x = 0;
        for (int i = 0; i < LOOP; i++) {
            x += (long) i * i ^ (x >>> 3);
        }
        sink = x;
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
