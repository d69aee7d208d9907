package io.securitycoach.bench;

import io.securitycoach.directory.Enricher;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load run of the directory stages (order changes, resolve identity, enrich) as the job wires them,
 * on a local MiniCluster: N users over M orgs, then a stream of events naming them. Prints
 * events/s, events per CPU-second, checkpoint sizes and durations, and state bytes per user.
 */
@Command(
        name = "directory-load",
        mixinStandardHelpOptions = true,
        description = "Load run of identity resolution and enrichment (heap or RocksDB state).")
public final class DirectoryLoadRun implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "1000000")
    long users;

    @Option(names = "--orgs", defaultValue = "100")
    int orgs;

    @Option(names = "--events", defaultValue = "2000000")
    long events;

    @Option(
            names = "--unknown-share",
            defaultValue = "0.01",
            description = "Share of events naming nobody.")
    double unknownShare;

    @Option(names = "--backend", defaultValue = "heap", description = "heap or rocksdb")
    String backend;

    @Option(names = "--parallelism", defaultValue = "1")
    int parallelism;

    @Option(names = "--checkpoint-seconds", defaultValue = "10")
    int checkpointSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DirectoryLoadRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path checkpoints = Files.createTempDirectory("coach-bench-chk");
        Configuration conf = configuration(checkpoints);
        JobGraph job = jobGraph(conf);
        System.out.printf(
                "directory load run: %,d users over %d orgs, %,d events (%.1f%% unknown), %s state,"
                        + " parallelism %d%n",
                users, orgs, events, unknownShare * 100, backend, parallelism);
        run(conf, job);
        return 0;
    }

    /** No generic types, the chosen state backend, checkpoints into {@code checkpoints}. */
    private Configuration configuration(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(
                StateBackendOptions.STATE_BACKEND,
                "rocksdb".equals(backend) ? "rocksdb" : "hashmap");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "rocksdb".equals(backend));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        return conf;
    }

    /** The generated directory and events through the job's directory stages into a meter. */
    private JobGraph jobGraph(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointSeconds * 1000L);
        SingleOutputStreamOperator<UserRecord> directory =
                env.fromSequence(0, users + events - 1)
                        .setParallelism(1)
                        .process(new DirectoryWorkload(users, orgs, unknownShare))
                        .setParallelism(1)
                        .name("Generate workload");
        DataStream<SecurityEvent> eventStream =
                directory
                        .getSideOutput(DirectoryWorkload.EVENTS)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<SecurityEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.eventTime))
                        .setParallelism(1);
        CoachJob.resolveAndEnrich(eventStream, directory, new JobSettings())
                .process(new Meter())
                .name("Meter")
                .sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobGraph();
    }

    /** Runs the job to its end, noting the process CPU time when the first event comes out. */
    private void run(Configuration conf, JobGraph job) throws Exception {
        long cpuBefore = cpuNanos();
        long wallBefore = System.nanoTime();
        try (MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build())) {
            cluster.start();
            JobID id = cluster.submitJob(job).get().getJobID();
            long cpuAtFirstEvent = 0;
            while (!cluster.getJobStatus(id).get().isGloballyTerminalState()) {
                if (cpuAtFirstEvent == 0 && Meter.OUT.get() > 0) {
                    cpuAtFirstEvent = cpuNanos();
                }
                Thread.sleep(50);
            }
            long cpuAtEnd = cpuNanos();
            cluster.requestJobResult(id).get().toJobExecutionResult(getClass().getClassLoader());
            report(
                    cluster.getArchivedExecutionGraph(id).get(),
                    wallBefore,
                    cpuBefore,
                    cpuAtFirstEvent,
                    cpuAtEnd);
        }
    }

    private void report(
            AccessExecutionGraph graph,
            long wallBefore,
            long cpuBefore,
            long cpuAtFirstEvent,
            long cpuAtEnd)
            throws Exception {
        reportThroughput(wallBefore, cpuBefore, cpuAtFirstEvent, cpuAtEnd);
        reportCheckpoints(completedCheckpoints(graph));
        System.out.printf(
                "serialized:     profile %d bytes, directory record %d bytes (a typical generated"
                        + " user)%n",
                serializedSize(
                        UserProfile.of(new DirectoryWorkload(users, orgs, 0).user(123_456)),
                        Enricher.PROFILE.getSerializer()),
                serializedSize(
                        new DirectoryWorkload(users, orgs, 0).user(123_456),
                        TypeInformation.of(UserRecord.class)
                                .createSerializer(new SerializerConfigImpl())));
    }

    /** The whole run, then the event phase alone (first to last event out). */
    private static void reportThroughput(
            long wallBefore, long cpuBefore, long cpuAtFirstEvent, long cpuAtEnd) {
        double total = (System.nanoTime() - wallBefore) / 1e9;
        double eventSeconds = (Meter.LAST_OUT_NANOS.get() - Meter.FIRST_OUT_NANOS.get()) / 1e9;
        double eventCpu = (cpuAtEnd - cpuAtFirstEvent) / 1e9;
        System.out.printf(
                "run:            %.1f s wall, %.1f s CPU (directory load and events)%n",
                total, (cpuAtEnd - cpuBefore) / 1e9);
        System.out.printf(
                "events out:     %,d (resolved %,d, held then resolved %,d, unresolved %,d;"
                        + " enriched %,d)%n",
                Meter.OUT.get(),
                Meter.RESOLVED.get(),
                Meter.LATE.get(),
                Meter.UNRESOLVED.get(),
                Meter.ENRICHED.get());
        System.out.printf(
                "event phase:    %.1f s wall, %.1f s CPU -> %,.0f events/s, %,.0f events per"
                        + " CPU-second%n",
                eventSeconds, eventCpu, Meter.OUT.get() / eventSeconds, Meter.OUT.get() / eventCpu);
    }

    private static List<AbstractCheckpointStats> completedCheckpoints(AccessExecutionGraph graph) {
        List<AbstractCheckpointStats> done = new ArrayList<>();
        for (AbstractCheckpointStats c :
                graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                done.add(c);
            }
        }
        done.sort(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId));
        return done;
    }

    /** Each checkpoint's size and duration; the last one's state divided by the users. */
    private void reportCheckpoints(List<AbstractCheckpointStats> done) {
        for (AbstractCheckpointStats c : done) {
            System.out.printf(
                    "checkpoint %-3d  state %,d bytes, uploaded %,d bytes, %,d ms%n",
                    c.getCheckpointId(),
                    c.getStateSize(),
                    c.getCheckpointedSize(),
                    c.getEndToEndDuration());
        }
        if (!done.isEmpty()) {
            AbstractCheckpointStats last = done.get(done.size() - 1);
            System.out.printf(
                    "state per user: %,.0f bytes (last checkpoint, whole directory state /"
                            + " users)%n",
                    last.getStateSize() / (double) users);
        }
    }

    /** The bytes {@code serializer} (the one the state uses) writes for {@code value}. */
    private static <T> int serializedSize(T value, TypeSerializer<T> serializer) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(512);
        serializer.serialize(value, out);
        return out.length();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
