package io.securitycoach.bench;

import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.UserRecord;
import io.securitycoach.savepoints.ControlSnapshot;
import io.securitycoach.savepoints.SavepointBootstrapper;
import io.securitycoach.savepoints.StateTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scale of the job's state on RocksDB: bootstrap a savepoint of N generated users (the {@link
 * DirectoryWorkload} directory, samples/rules), restore the job from it, and take a canonical
 * savepoint of the running job. Prints users/s of the bootstrap, the restore time (submit until the
 * job accepts a savepoint, i.e. every task restored and running), the savepoint's duration and both
 * sizes.
 */
@Command(name = "savepoint-scale", mixinStandardHelpOptions = true)
public final class SavepointScaleRun implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "1000000")
    long users;

    @Option(names = "--orgs", defaultValue = "100")
    int orgs;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(
            names = "--work",
            description = "Folder for the savepoints (default: a temporary folder).")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SavepointScaleRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir =
                work != null
                        ? Files.createDirectories(work)
                        : Files.createTempDirectory("coach-savepoint-scale");
        Path home = Paths.get(System.getProperty("coach.home", ".")).toAbsolutePath();
        String bootstrapped = dir.resolve("bootstrapped-" + users).toUri().toString();
        System.out.printf(
                "savepoint scale run: %,d users over %d orgs, RocksDB, parallelism %d, in %s%n",
                users, orgs, parallelism, dir);

        DirectoryWorkload workload = new DirectoryWorkload(users, orgs, 0);
        long start = System.nanoTime();
        SavepointBootstrapper.bootstrap(
                env ->
                        env.fromSequence(0, users - 1)
                                .map(workload::user)
                                .returns(UserRecord.class)
                                .name("Generate users"),
                ControlSnapshot.read(home.resolve("samples/rules"), null, null),
                bootstrapped,
                "rocksdb",
                SavepointBootstrapper.DEFAULT_MAX_PARALLELISM,
                Duration.ofDays(7));
        double bootstrap = seconds(start);
        System.out.printf(
                "bootstrap:      %.1f s, %,.0f users/s, %,d bytes%n",
                bootstrap, users / bootstrap, StateTool.sizeOnDisk(bootstrapped));
        restoreAndSavepoint(bootstrapped, dir);
        return 0;
    }

    private void restoreAndSavepoint(String savepoint, Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
        JobGraph job = idleJob(conf, dir);
        job.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        try (MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build())) {
            cluster.start();
            long submitted = System.nanoTime();
            JobID id = cluster.submitJob(job).get().getJobID();
            String target = dir.resolve("taken").toUri().toString();
            while (true) {
                long attempt = System.nanoTime();
                try {
                    String taken =
                            cluster.triggerSavepoint(
                                            id, target, false, SavepointFormatType.CANONICAL)
                                    .get(30, TimeUnit.MINUTES);
                    System.out.printf(
                            "restore:        %.1f s (submit until every task restored and"
                                    + " running)%n",
                            (attempt - submitted) / 1e9);
                    System.out.printf(
                            "savepoint:      %.1f s, %,d bytes (canonical, of the running job)%n",
                            seconds(attempt), StateTool.sizeOnDisk(taken));
                    break;
                } catch (Exception notRunningYet) {
                    if (cluster.getJobStatus(id).get().isGloballyTerminalState()) {
                        cluster.requestJobResult(id)
                                .get()
                                .toJobExecutionResult(getClass().getClassLoader());
                    }
                    Thread.sleep(100);
                }
            }
            cluster.cancelJob(id).get();
        }
    }

    /** The job with sources that have nothing to read (yet): all it holds is the restored state. */
    private JobGraph idleJob(Configuration conf, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        String empty = Files.createDirectories(dir.resolve("empty")).toUri().toString();
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        CoachJob.build(
                env,
                new FileJobSources(
                        List.of(empty),
                        empty,
                        List.of(ControlMessage.snapshotEnd("bench")),
                        Duration.ofMinutes(1)),
                AuditSinks.auditOnly(dir.resolve("audit").toUri().toString()),
                settings);
        return env.getStreamGraph().getJobGraph();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
