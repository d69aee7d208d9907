package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.scope.ScopeFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tap sums the counters of every task attempt, so after a restart an operator's numRecordsIn
 * counts replayed records again (how a trial reported 229k raw records for 200k input): the tap
 * says so through {@link MetricsTap#restarts()}, which the load run reports beside its figures.
 */
class MetricsTapTest {
    /** An operator's metric group as a task attempt registers it. */
    private static final class OperatorGroup extends UnregisteredMetricsGroup {
        private final Map<String, String> variables;

        OperatorGroup(String operator, int subtask, int attempt) {
            variables =
                    Map.of(
                            ScopeFormat.SCOPE_OPERATOR_NAME, operator,
                            ScopeFormat.SCOPE_TASK_SUBTASK_INDEX, Integer.toString(subtask),
                            ScopeFormat.SCOPE_TASK_ATTEMPT_NUM, Integer.toString(attempt));
        }

        @Override
        public Map<String, String> getAllVariables() {
            return variables;
        }
    }

    @AfterEach
    void forget() {
        MetricsTap.clear();
    }

    private static void register(String operator, int subtask, int attempt, long count) {
        SimpleCounter counter = new SimpleCounter();
        counter.inc(count);
        new MetricsTap()
                .notifyOfAddedMetric(
                        counter, "numRecordsIn", new OperatorGroup(operator, subtask, attempt));
    }

    @Test
    void aRunWithoutFailuresHasNoRestartsAndExactCounts() {
        register(PipelineJob.AUDIT_RAW, 0, 0, 100);
        register(PipelineJob.AUDIT_RAW, 1, 0, 100);

        assertThat(MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN)).isEqualTo(200);
        assertThat(MetricsTap.restarts()).isZero();
    }

    @Test
    void aRestartIsReportedAndItsReplayedRecordsAreCountedAgain() {
        register(PipelineJob.AUDIT_RAW, 0, 0, 100); // failed after 100, checkpoint at 70
        register(PipelineJob.AUDIT_RAW, 0, 1, 130); // restored at 70: 30 replayed, 100 new

        assertThat(MetricsTap.count(PipelineJob.AUDIT_RAW, PipelineJob.IN))
                .as("operator counters are not exactly-once across a restore")
                .isEqualTo(230);
        assertThat(MetricsTap.restarts()).isEqualTo(1);
    }
}
