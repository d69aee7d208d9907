package io.securitycoach.cli;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.io.ArchiveRange;
import io.securitycoach.io.ReplayProgress;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.S3FileSystems;
import io.securitycoach.jobs.wiring.SinkOptions;
import io.securitycoach.jobs.wiring.SourceOptions;
import io.securitycoach.local.LocalEnvironment;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./coach replay}: a bounded run over an archive range of vendor drops (local or S3) for
 * backfill and re-processing, on a local mini-cluster, printing progress (files and events done of
 * the total counted up-front). It detects and audits; it sends coaching only with {@code --notify}.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replay an archive range of vendor files: --config FILE [--since T] [--until T]"
                        + " [--notify] [--Group.key value]...")
public final class ReplayCommand implements Callable<Integer> {
    @Option(
            names = "--since",
            description =
                    "Files last modified at or after this (UTC time like 2026-11-20T08:00:00Z, or a"
                            + " date).")
    String since;

    @Option(names = "--until", description = "Files last modified before this.")
    String until;

    @Option(
            names = "--notify",
            description = "Also send the coaching messages (default: detect and audit only).")
    boolean notify;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(
            names = "--progress-seconds",
            defaultValue = "2",
            description = "How often progress is printed (default ${DEFAULT-VALUE}).")
    int progressSeconds;

    @CommandLine.Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CoachConfig config;
        List<FileStatus> files;
        try {
            config = ConfigLoader.load(configArguments());
            S3FileSystems.initializeForEmbeddedRun(config);
            ArchiveRange range = ConfiguredSources.replayRange(config);
            files =
                    range.files(
                            config.get(SourceOptions.EVENT_PATHS).stream()
                                    .map(Path::new)
                                    .toArray(Path[]::new));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
        System.out.printf("replay: %d files, %d bytes in range%n", files.size(), bytes);
        if (files.isEmpty()) {
            System.out.println("replay: nothing to do");
            return 0;
        }
        replay(config, files.size());
        String audit = config.require(SinkOptions.AUDIT_PATH);
        System.out.print(RunSummary.fromAudit(audit).toText());
        System.out.println("audit trail: " + audit);
        return 0;
    }

    /**
     * The given configuration arguments, then this command's: bounded, in memory, the range, notify
     * or not.
     */
    private String[] configArguments() {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--Job.bounded", "true", "--Job.state.backend", "hashmap"));
        if (since != null) {
            all.addAll(List.of("--Events.replay.since", since));
        }
        if (until != null) {
            all.addAll(List.of("--Events.replay.until", until));
        }
        if (!notify) {
            all.addAll(List.of("--Notify.enabled", "false"));
        }
        return all.toArray(new String[0]);
    }

    /** Runs the job over the range on a local mini-cluster, printing progress until it ends. */
    private void replay(CoachConfig config, int totalFiles) throws Exception {
        java.nio.file.Path work =
                CoachCli.home()
                        .resolve("out")
                        .resolve(
                                "replay-"
                                        + LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        Files.createDirectories(work);
        StreamExecutionEnvironment env =
                LocalEnvironment.create(work.resolve("checkpoints"), 8081, false, parallelism);
        JobSettings settings = ConfiguredSettings.from(config);
        env.enableCheckpointing(settings.checkpointInterval.toMillis());
        CoachJob.build(env, new ConfiguredSources(config), new ConfiguredSinks(config), settings);
        JobClient job = env.executeAsync("security-coach-replay");
        long start = System.nanoTime();
        // Taken first: the local cluster shuts down with the job, and the client with it.
        var result = job.getJobExecutionResult();
        while (!result.isDone()) {
            printProgress(job, totalFiles, start);
            try {
                result.get(progressSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                // print progress again
            }
        }
        // A failed replay throws here, with its cause.
        Map<String, Object> done = result.get().getAllAccumulatorResults();
        printProgress(
                ((Number) done.getOrDefault(ReplayProgress.FILES, 0)).intValue(),
                totalFiles,
                done,
                start);
    }

    private void printProgress(JobClient job, int totalFiles, long start) {
        Map<String, Object> acc = counters(job);
        Object files = acc.getOrDefault(ReplayProgress.FILES, 0);
        printProgress(((Number) files).intValue(), totalFiles, acc, start);
    }

    private static void printProgress(
            int filesDone, int totalFiles, Map<String, Object> acc, long start) {
        long events = ((Number) acc.getOrDefault(ReplayProgress.EVENTS, 0L)).longValue();
        double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
        System.out.printf(
                "replay: files %d/%d (%d%%), events %d (%.0f/s), %.0f s%n",
                filesDone,
                totalFiles,
                totalFiles == 0 ? 100 : filesDone * 100 / totalFiles,
                events,
                events / seconds,
                seconds);
    }

    private static Map<String, Object> counters(JobClient job) {
        try {
            return job.getAccumulators().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
