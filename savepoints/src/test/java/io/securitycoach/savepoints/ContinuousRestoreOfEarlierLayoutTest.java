package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.receiver.LocalReceiver;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of layout 1, whose control snapshot came from a finite source under the uid today's
 * control source keeps, restores into today's continuous job as it is: no state dropped (no
 * allowNonRestoredState), the replaced source's finished state read by today's.
 */
class ContinuousRestoreOfEarlierLayoutTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path work;

    @Test
    void layoutOneRestoresIntoTodaysContinuousJobWithoutDroppingState() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(
                StateRecoveryOptions.SAVEPOINT_PATH,
                UpgradeScenario.uri(UpgradeScenario.FIXTURES.resolve("layout-1/hashmap")));
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            UpgradeScenario.buildPartOne(env, receiver.baseUrl(), work.resolve("audit"));
            JobClient job = env.executeAsync("layout 1, continuous");
            try {
                assertThat(savepointOnceRunning(job)).isNotBlank();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A savepoint needs every task running with its state restored; a failed restore fails the job.
     */
    private String savepointOnceRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return job.triggerSavepoint(
                                UpgradeScenario.uri(work.resolve("savepoints")),
                                SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException notYet) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get(); // throws why the job failed
                }
                assertThat(System.nanoTime())
                        .as("savepoint of the restored job: %s", notYet.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(300);
            }
        }
    }
}
