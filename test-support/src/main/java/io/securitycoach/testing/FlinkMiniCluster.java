package io.securitycoach.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The MiniCluster a job test class runs on: one task manager with two slots (the tests run the job
 * at parallelism 2), started once per class and set as the context environment, so {@code
 * StreamExecutionEnvironment.getExecutionEnvironment()} submits to it. Use
 * {@code @ExtendWith(FlinkMiniCluster.class)}, or {@code @RegisterExtension static final
 * FlinkMiniCluster CLUSTER = FlinkMiniCluster.withMetrics();} to read operators' live metrics
 * through {@link #metrics()} (e.g. to wait until an operator has taken in its records).
 */
public final class FlinkMiniCluster
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    public static final int TASK_MANAGERS = 1;
    public static final int SLOTS_PER_TASK_MANAGER = 2;

    private final InMemoryReporter metrics;
    private final MiniClusterExtension cluster;

    /** For {@code @ExtendWith}: no metrics reporter. */
    public FlinkMiniCluster() {
        this(null);
    }

    private FlinkMiniCluster(InMemoryReporter metrics) {
        this.metrics = metrics;
        Configuration conf =
                metrics == null
                        ? new Configuration()
                        : metrics.addToConfiguration(new Configuration());
        this.cluster =
                new MiniClusterExtension(
                        new MiniClusterResourceConfiguration.Builder()
                                .setNumberTaskManagers(TASK_MANAGERS)
                                .setNumberSlotsPerTaskManager(SLOTS_PER_TASK_MANAGER)
                                .setConfiguration(conf)
                                .build());
    }

    /** A cluster whose metrics the test can read while a job runs. */
    public static FlinkMiniCluster withMetrics() {
        return new FlinkMiniCluster(InMemoryReporter.create());
    }

    /**
     * A cluster whose reporter keeps every metric after its job ends: to list what a finished job
     * registered (names, groups, dimensions).
     */
    public static FlinkMiniCluster withRetainedMetrics() {
        return new FlinkMiniCluster(InMemoryReporter.createWithRetainedMetrics());
    }

    public InMemoryReporter metrics() {
        if (metrics == null) {
            throw new IllegalStateException(
                    "this cluster has no metrics reporter: use FlinkMiniCluster.withMetrics()");
        }
        return metrics;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        cluster.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        cluster.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cluster.afterAll(context);
    }
}
