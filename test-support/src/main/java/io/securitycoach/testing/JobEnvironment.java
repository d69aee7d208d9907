package io.securitycoach.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The environment job tests build on, as the job runs in production: generic types off (a record
 * that would fall back to Kryo fails the test) and parallelism 2, so keyed exchanges really
 * shuffle. On a class with {@link FlinkMiniCluster} it submits to that cluster.
 */
public final class JobEnvironment {
    public static final int PARALLELISM = 2;

    private JobEnvironment() {}

    public static StreamExecutionEnvironment create() {
        return create(new Configuration());
    }

    /**
     * @param conf further settings; generic types are turned off in it
     */
    public static StreamExecutionEnvironment create(Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }
}
