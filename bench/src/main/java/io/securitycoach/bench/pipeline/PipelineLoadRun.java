package io.securitycoach.bench.pipeline;

import io.securitycoach.schema.Json;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bench/run-pipeline-load.sh}: the whole job (CoachJob.build) on a local MiniCluster over
 * the standard workload, next to two yardsticks on the same bytes (bare Jackson, a pass-through
 * Flink job), then a latency run at half the measured rate. Prints the table and writes the JSON.
 */
@Command(
        name = "run-pipeline-load.sh",
        mixinStandardHelpOptions = true,
        description =
                "End-to-end load run of the job on the standard workload, with its yardsticks.")
public final class PipelineLoadRun implements Callable<Integer> {
    @Option(
            names = "--quick",
            description = "Reduced standard workload: 10 orgs, 100k users, 200k events (~5 min).")
    boolean quick;

    @Option(names = "--orgs", description = "Orgs (default 100; quick 10).")
    Integer orgs;

    @Option(names = "--users-per-org", description = "Users per org (default 10,000).")
    Integer usersPerOrg;

    @Option(names = "--events", description = "Events (default 2,000,000; quick 200,000).")
    Long events;

    @Option(names = "--rules-per-org", description = "Rules per org (default 10).")
    Integer rulesPerOrg;

    @Option(
            names = "--rules",
            description = "Rules in all, spread over the orgs (instead of --rules-per-org).")
    Long totalRules;

    @Option(
            names = "--risky",
            description = "Share of risky records (default 0.0015: ~0.1% detections).")
    Double risky;

    @Option(names = "--malformed", description = "Share of malformed records (default 0.001).")
    Double malformed;

    @Option(names = "--seed", description = "Workload seed (default 42).")
    Long seed;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--checkpoint-seconds", defaultValue = "10")
    int checkpointSeconds;

    @Option(
            names = "--latency-load",
            defaultValue = "0.5",
            description = "Latency run at this share of the full-speed rate.")
    double latencyLoad;

    @Option(
            names = "--latency-rate",
            description =
                    "Latency run at this many events per second instead of the share of the"
                            + " measured rate (comparable between runs on a loaded machine).")
    Double latencyRate;

    @Option(
            names = "--latency-only",
            description =
                    "Only the latency run (needs --latency-rate): no throughput, no yardsticks.")
    boolean latencyOnly;

    @Option(
            names = "--latency-warm-up",
            description =
                    "Seconds of the latency run before its measured span, not counted (default 0;"
                            + " with --latency-only 20: the JIT has not seen the job yet).")
    Long latencyWarmUp;

    @Option(
            names = "--latency-seconds",
            description = "Length of the latency run (default 60; quick 30).")
    Long latencySeconds;

    @Option(
            names = "--warm-up",
            defaultValue = "0.2",
            description = "Share of the events before the throughput span starts (JIT warm-up).")
    double warmUp;

    @Option(
            names = "--max-warm-up",
            defaultValue = "0.6",
            description =
                    "Share of the events by which the throughput span starts even if the JIT has"
                            + " not settled (default 0.6).")
    double maxWarmUp;

    @Option(
            names = "--no-warm-up-job",
            description =
                    "Skip the unmeasured quick-sized job that runs first so the JIT has compiled"
                            + " the job's code (the figures before 2026-12-07 evening).")
    boolean noWarmUpJob;

    @Option(
            names = "--jit-wait",
            description =
                    "Past --warm-up, also wait for the JIT to settle (under 100 ms of compiler CPU"
                            + " a second for 3 s), up to --max-warm-up: the span then starts later"
                            + " and covers the files read last, a different mix of orgs.")
    boolean jitWait;

    @Option(names = "--skip-latency")
    boolean skipLatency;

    @Option(names = "--skip-yardsticks")
    boolean skipYardsticks;

    @Option(names = "--no-profile", description = "No JFR profile (no per-operator CPU).")
    boolean noProfile;

    @Option(
            names = "--flink",
            description =
                    "A Flink option for the run's clusters, key=value (repeatable), e.g."
                            + " execution.checkpointing.unaligned.enabled=true,"
                            + " taskmanager.network.memory.buffer-debloat.enabled=true,"
                            + " taskmanager.network.memory.buffers-per-channel=1.")
    Map<String, String> flink = new TreeMap<>();

    @Option(
            names = "--job",
            description =
                    "One of the job's options for the coach job, Group.key=value (repeatable), e.g."
                            + " Job.network.buffer-timeout=2ms.")
    Map<String, String> job = new TreeMap<>();

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path json;

    @Option(names = "--work", description = "Working folder (default: a new temporary folder).")
    Path work;

    @Option(
            names = "--home",
            defaultValue = ".",
            description = "Project root (rules-library/, samples/).")
    Path home;

    @Option(names = "--commit", defaultValue = "", description = "Commit measured, for the report.")
    String commit;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineLoadRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Workload w = workload();
        RunOptions o = options();
        PipelineReport report = new PipelineReport();
        report.workload = w;
        report.commit = commit;
        report.loadAverageBefore =
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("writing the workload to %s (not measured)...%n", o.work);
        WorkloadFiles files = WorkloadFiles.write(w, o.work.resolve("input"));
        report.inputBytes = files.eventBytes;
        Path rules = LibraryRules.write(home.resolve("rules-library"), w, o.work.resolve("rules"));
        if (latencyOnly && latencyRate == null) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--latency-only needs --latency-rate");
        }
        if (o.profile) {
            CpuProfile.prime();
        }
        HostSlowdown.calibrate(); // before any job, after the priming that discards compiled code
        if (!latencyOnly) {
            if (o.warmUpJob) {
                warmUpJob(w, o);
            }
            ThroughputPhase.run(o, w, files, rules, report);
        }
        if (!skipYardsticks && !latencyOnly) {
            System.out.println("yardsticks: bare Jackson, then the pass-through job...");
            JacksonYardstick.run(files.events, report);
            PassThroughPhase.run(o, files, report);
        }
        if (!skipLatency) {
            LatencyPhase.run(o, w, files, rules, report);
        }
        report.loadAverageAfter =
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ReportTable.print(report, System.out);
        if (json != null) {
            Files.writeString(
                    json,
                    Json.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report.toJson()),
                    StandardCharsets.UTF_8);
            System.out.println("json: " + json);
        }
        return 0;
    }

    /** The warm-up job's workload: the quick one's size, other records (another seed). */
    private void warmUpJob(Workload measured, RunOptions o) throws Exception {
        Workload w = Workload.quick();
        w.seed = measured.seed + 1_000;
        Path work = o.work.resolve("warm-up");
        WorkloadFiles files = WorkloadFiles.write(w, work.resolve("input"));
        Path rules = LibraryRules.write(home.resolve("rules-library"), w, work.resolve("rules"));
        ThroughputPhase.warmUp(o, w, files, rules);
    }

    private Workload workload() {
        Workload w = quick ? Workload.quick() : new Workload();
        w.orgs = orgs != null ? orgs : w.orgs;
        w.usersPerOrg = usersPerOrg != null ? usersPerOrg : w.usersPerOrg;
        w.events = events != null ? events : w.events;
        w.rulesPerOrg = rulesPerOrg != null ? rulesPerOrg : w.rulesPerOrg;
        w.totalRules = totalRules;
        w.risky = risky != null ? risky : w.risky;
        w.malformed = malformed != null ? malformed : w.malformed;
        w.seed = seed != null ? seed : w.seed;
        return w;
    }

    private RunOptions options() throws Exception {
        RunOptions o =
                RunOptions.of(
                        home, work, "coach-pipeline-load", parallelism, checkpointSeconds, flink);
        o.latencyLoad = latencyLoad;
        o.latencyRate = latencyRate != null ? latencyRate : 0;
        o.job = job;
        o.latencyWarmUpSeconds = latencyWarmUp != null ? latencyWarmUp : latencyOnly ? 20 : 0;
        o.latencySeconds = latencySeconds != null ? latencySeconds : quick ? 30 : 60;
        o.profile = !noProfile;
        o.warmUpShare = warmUp;
        o.maxWarmUpShare = maxWarmUp;
        o.awaitJit = jitWait;
        o.warmUpJob = !noWarmUpJob;
        return o;
    }
}
