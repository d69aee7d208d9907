package io.securitycoach.savepoints;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.ManagedMemoryUseCase;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.output.BootstrapStreamTaskRunner;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

/**
 * What every savepoint tool shares: a local batch environment, the state backend, the size on disk.
 */
public final class StateTool {
    private StateTool() {}

    /**
     * A local batch job; generic types stay off, as in the job, so a type Kryo would need fails
     * here too.
     */
    public static StreamExecutionEnvironment environment(int parallelism) {
        return environment(parallelism, false);
    }

    /**
     * A job that writes a savepoint: the State Processor API passes its own metadata records
     * (OperatorState) between tasks as generic types; the state itself keeps its own serializers.
     * Run it with {@link #execute}. Batch: the stages before the writers that group by key sort
     * (and spill to disk) instead of holding every key on the heap.
     */
    public static StreamExecutionEnvironment writerEnvironment(int parallelism) {
        return environment(parallelism, true);
    }

    /**
     * Runs a savepoint-writing job. The writers' inputs are not sorted: a writer holds no keyed
     * state of its own but hands each record to a task of its own on the savepoint's state backend,
     * which keeps every key (a batch sort there would only cost time: a quarter of a bootstrap).
     */
    public static void execute(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        for (StreamNode node : graph.getStreamNodes()) {
            if (isSavepointWriter(node)) {
                node.getInputRequirements().clear();
                node.setManagedMemoryUseCaseWeights(
                        Map.of(ManagedMemoryUseCase.OPERATOR, 0), Set.of());
            }
        }
        env.execute(graph);
    }

    private static boolean isSavepointWriter(StreamNode node) {
        return node.getOperatorFactory() instanceof SimpleOperatorFactory
                && ((SimpleOperatorFactory<?>) node.getOperatorFactory()).getOperator()
                        instanceof BootstrapStreamTaskRunner;
    }

    private static StreamExecutionEnvironment environment(int parallelism, boolean genericTypes) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, genericTypes);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // A slot per task: the local cluster is otherwise sized from the job graph, which in batch
        // mode left one slot and ran a stage's subtasks one after another.
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /**
     * hashmap reads and writes canonical savepoints of either backend; rocksdb is for state larger
     * than the heap (and the only one that reads RocksDB's native-format savepoints).
     */
    public static StateBackend backend(String name) {
        if ("rocksdb".equals(name)) {
            return new EmbeddedRocksDBStateBackend();
        }
        if (!"hashmap".equals(name)) {
            throw new IllegalArgumentException(
                    "state backend: hashmap or rocksdb, not '" + name + "'");
        }
        return new HashMapStateBackend();
    }

    /** Bytes of every file under the savepoint (local or any Flink filesystem). */
    public static long sizeOnDisk(String savepoint) throws IOException {
        Path path = new Path(savepoint);
        FileSystem fs = path.getFileSystem();
        return size(fs, fs.getFileStatus(path));
    }

    private static long size(FileSystem fs, FileStatus status) throws IOException {
        if (!status.isDir()) {
            return status.getLen();
        }
        long total = 0;
        for (FileStatus child : fs.listStatus(status.getPath())) {
            total += size(fs, child);
        }
        return total;
    }
}
