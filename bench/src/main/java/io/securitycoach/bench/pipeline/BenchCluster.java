package io.securitycoach.bench.pipeline;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.CoachJob;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One job on its own local MiniCluster, with the job's own Flink settings (RocksDB, incremental).
 */
final class BenchCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private JobID job;
    private JobGraph jobGraph;

    private BenchCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The job's own settings plus checkpoints under {@code checkpoints}, the metrics tap and the
     * run's {@code --flink} options (what a cluster's Flink configuration would set: unaligned
     * checkpoints, buffer debloating, buffers per channel).
     */
    static Configuration configuration(Path checkpoints, Map<String, String> flink) {
        Configuration conf = CoachJob.flinkConfiguration(CoachConfig.of(Map.of()));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0"); // other runs may hold 8081
        MetricsTap.configure(conf);
        conf.addAll(Configuration.fromMap(flink));
        return conf;
    }

    static Configuration configuration(Path checkpoints) {
        return configuration(checkpoints, Map.of());
    }

    static StreamExecutionEnvironment environment(
            Configuration conf, int parallelism, long checkpointMillis) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /** Starts a MiniCluster for {@code env}'s graph and submits it. */
    static BenchCluster submit(StreamExecutionEnvironment env, Configuration conf, int slots)
            throws Exception {
        MetricsTap.clear();
        JobGraph graph = env.getStreamGraph().getJobGraph();
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        BenchCluster c = new BenchCluster(cluster);
        c.job = cluster.submitJob(graph).get().getJobID();
        c.jobGraph = graph;
        return c;
    }

    /** The graph Flink runs: tasks (chained operators) and the edges between them. */
    JobGraph jobGraph() {
        return jobGraph;
    }

    boolean finished() throws Exception {
        return cluster.getJobStatus(job).get().isGloballyTerminalState();
    }

    long completedCheckpoints() throws Exception {
        return cluster.getExecutionGraph(job)
                .get()
                .getCheckpointStatsSnapshot()
                .getCounts()
                .getNumberOfCompletedCheckpoints();
    }

    /** Waits for the next completed checkpoint: the audit trail has committed what came before. */
    void awaitNextCheckpoint(long timeoutMillis) throws Exception {
        long before = completedCheckpoints();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (completedCheckpoints() <= before
                && System.currentTimeMillis() < deadline
                && !finished()) {
            Thread.sleep(100);
        }
    }

    /** Waits for the end of a bounded job (failing if it failed). */
    void awaitEnd() throws Exception {
        cluster.requestJobResult(job).get().toJobExecutionResult(getClass().getClassLoader());
    }

    /** Cancels a continuous job and returns its archived graph (checkpoint statistics). */
    AccessExecutionGraph cancel() throws Exception {
        if (!finished()) {
            cluster.cancelJob(job).get();
        }
        while (!finished()) {
            Thread.sleep(50);
        }
        return cluster.getArchivedExecutionGraph(job).get();
    }

    AccessExecutionGraph archived() throws Exception {
        return cluster.getArchivedExecutionGraph(job).get();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
