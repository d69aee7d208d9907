package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The run's knobs that are not the workload. */
final class RunOptions {
    Path home = Path.of(".");
    Path work;
    int parallelism = 2;
    int checkpointSeconds = 10;

    /** Latency run: this share of the measured full-speed rate. */
    double latencyLoad = 0.5;

    /** Latency run at this many events per second instead (0: the share above). */
    double latencyRate;

    long latencySeconds = 60;

    /**
     * Latency run: events before the measured ones, not counted (JIT, caches, first checkpoint).
     */
    long latencyWarmUpSeconds;

    boolean profile = true;

    /**
     * Share of the events processed before the throughput span starts (JIT warm-up, not measured).
     */
    double warmUpShare = 0.2;

    /**
     * Whether a quick-sized warm-up job runs first, unmeasured ({@code ThroughputPhase#warmUp}).
     */
    boolean warmUpJob = true;

    /** Whether the span waits, past the warm-up, for the JIT to settle ({@link JitSettling}). */
    boolean awaitJit;

    /** Share of the events out by which the span starts even if the JIT has not settled. */
    double maxWarmUpShare = 0.6;

    /** Flink options for every cluster of the run ({@code --flink key=value}). */
    Map<String, String> flink = new TreeMap<>();

    /** The job's own options, {@code Group.key} to value ({@code --job}; docs/configuration.md). */
    Map<String, String> job = new TreeMap<>();

    /** The knobs every run shares; {@code work} null: a new temporary folder named by the run. */
    static RunOptions of(
            Path home,
            Path work,
            String runName,
            int parallelism,
            int checkpointSeconds,
            Map<String, String> flink)
            throws IOException {
        RunOptions o = new RunOptions();
        o.home = home.toAbsolutePath();
        o.work = work != null ? work.toAbsolutePath() : Files.createTempDirectory(runName);
        o.parallelism = parallelism;
        o.checkpointSeconds = checkpointSeconds;
        o.flink = flink;
        return o;
    }
}
