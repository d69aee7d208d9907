package io.securitycoach.local;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A local mini-cluster for the embedded run: Web UI on 127.0.0.1, heap state, checkpoints to a
 * local folder.
 */
public final class LocalEnvironment {
    private LocalEnvironment() {}

    public static StreamExecutionEnvironment create(
            Path checkpoints, int webPort, boolean strictPort, int parallelism) {
        return create(checkpoints, webPort, strictPort, parallelism, new Configuration());
    }

    /**
     * As above, restoring from a savepoint.
     *
     * @param allowNonRestoredState drop the savepoint's state of operators the job does not have
     */
    public static StreamExecutionEnvironment restoring(
            Path checkpoints,
            int webPort,
            boolean strictPort,
            int parallelism,
            String savepoint,
            boolean allowNonRestoredState) {
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        return create(checkpoints, webPort, strictPort, parallelism, restore);
    }

    private static StreamExecutionEnvironment create(
            Path checkpoints,
            int webPort,
            boolean strictPort,
            int parallelism,
            Configuration conf) {
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        // A bounded run may share the machine with another one: let it take the next free port.
        conf.set(
                RestOptions.BIND_PORT,
                strictPort ? String.valueOf(webPort) : webPort + "-" + (webPort + 100));
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
