package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.util.Tags;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Issue 28, finding 4: a global cap on distinct orgs and a per-org token bucket on control updates,
 * each answered with its own status; nothing over a limit is applied, nothing is dropped silently.
 */
class ControlIntakeLimitsTest {
    private static OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> intake(
            ControlQuota quota) throws Exception {
        OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ControlIntake(quota)));
        h.open();
        return h;
    }

    private static ControlMessage disable(String org, long version) {
        return ControlMessage.change(ControlMessage.RULE_DISABLE, org, "r", version, "api");
    }

    private static List<String> statuses(
            OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> h) {
        var side = h.getSideOutput(Tags.RULE_STATUS);
        return side == null
                ? List.of()
                : side.stream()
                        .map(
                                r ->
                                        r.getValue().orgId
                                                + " v"
                                                + r.getValue().version
                                                + " "
                                                + r.getValue().status)
                        .collect(Collectors.toList());
    }

    private static int routed(OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> h) {
        var side = h.getSideOutput(ControlRoutes.to(ControlStage.DETECT));
        return side == null ? 0 : side.size();
    }

    @Test
    void anOrgOverItsRateIsAnsweredRateLimitedAndOtherOrgsGoOn() throws Exception {
        try (var h = intake(new ControlQuota(10, 1, 3))) {
            h.setProcessingTime(1_000);
            for (long v = 1; v <= 5; v++) {
                h.processElement(disable("evil", v), 0);
            }
            h.processElement(disable("acme", 1), 0);
            assertThat(statuses(h)).containsExactly("evil v4 rate_limited", "evil v5 rate_limited");
            assertThat(routed(h)).as("3 of evil's and acme's one").isEqualTo(4);
            assertThat(h.getSideOutput(Tags.RULE_STATUS).peek().getValue().errors)
                    .singleElement()
                    .asString()
                    .startsWith("rate: at most 1 control updates per minute per org");

            h.setProcessingTime(61_000); // one token back
            h.processElement(disable("evil", 6), 0);
            h.processElement(disable("evil", 7), 0);
            assertThat(routed(h)).isEqualTo(5);
            assertThat(statuses(h)).endsWith("evil v7 rate_limited");
        }
    }

    @Test
    void oneOrgMoreThanTheCapIsAnsweredOrgLimitAndTheCountSurvivesARestore() throws Exception {
        OperatorSubtaskState saved;
        try (var h = intake(new ControlQuota(2, 60, 100))) {
            h.processElement(disable("acme", 1), 0);
            h.processElement(disable("globex", 1), 0);
            h.processElement(disable("initech", 1), 0);
            h.processElement(ControlMessage.snapshotEnd("operator"), 0);
            assertThat(statuses(h)).containsExactly("initech v1 org_limit");
            assertThat(routed(h)).as("acme, globex and the snapshot's end").isEqualTo(3);
            saved = h.snapshot(1, 1);
        }
        var restored =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ControlIntake(new ControlQuota(2, 60, 100))));
        try (restored) {
            restored.initializeState(saved);
            restored.open();
            restored.processElement(disable("initech", 2), 0);
            restored.processElement(disable("acme", 2), 0);
            assertThat(statuses(restored)).containsExactly("initech v2 org_limit");
            assertThat(routed(restored)).isEqualTo(1);
        }
    }

    @Test
    void theIntakeAnswersReadersRefusalsAndUnreadableRecordsItself() throws Exception {
        try (var h = intake(ControlQuota.defaults())) {
            h.processElement(ControlSamples.of(ControlType.REFUSED), 0);
            h.processElement(ControlSamples.of(ControlType.UNREADABLE), 0);
            ControlMessage odd = ControlMessage.delete("acme", "r", 1, "api");
            odd.type = "rule_explode";
            h.processElement(odd, 0);
            assertThat(statuses(h))
                    .containsExactly("acme v0 rejected", "null v0 rejected", "acme v1 rejected");
            assertThat(h.getSideOutput(Tags.RULE_STATUS))
                    .extracting(r -> r.getValue().errors[0])
                    .containsExactly(
                            "a.yaml: not valid UTF-8",
                            "unreadable control message: not JSON",
                            "type: unknown control message type 'rule_explode'");
            for (ControlStage stage :
                    List.of(ControlStage.NORMALIZE, ControlStage.DETECT, ControlStage.NOTIFY)) {
                assertThat(h.getSideOutput(ControlRoutes.to(stage))).as("%s", stage).isNull();
            }
        }
    }
}
