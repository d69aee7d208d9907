package io.securitycoach.detect;

import static io.securitycoach.testing.EventBuilder.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleDetectorTest {
    private KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h;

    static String rule(String org, String id, long version, String when, String extra) {
        return "id: "
                + id
                + "\norg: "
                + org
                + "\nversion: "
                + version
                + "\nwhen: "
                + when
                + "\n"
                + extra
                + "coach:\n  module: m\n  channels: [slack]\n  message: \"{summary}\"\n";
    }

    @BeforeEach
    void open() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleDetector(),
                        Keys::user,
                        Types.STRING,
                        RuleDetector.RULES,
                        RuleDetector.CONTROL);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** Entries in keyed state over all keys (heap backend), to check nothing is left behind. */
    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>)
                        ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private List<String> detections() {
        return h.extractOutputValues().stream()
                .map(d -> d.orgId + "/" + d.ruleId + "/v" + d.ruleVersion + "/" + d.eventUids[0])
                .collect(Collectors.toList());
    }

    private List<String> statuses() {
        return h.getSideOutput(Tags.RULE_STATUS).stream()
                .map(
                        r -> {
                            ControlStatus s = r.getValue();
                            return s.subjectId + ":" + s.status + ":" + s.activeVersion;
                        })
                .collect(Collectors.toList());
    }

    private void control(ControlMessage m) throws Exception {
        h.processBroadcastElement(m, 0);
    }

    @Test
    void eventsWaitForTheInitialRuleSnapshot() throws Exception {
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 1000);
        control(
                ControlMessage.upsert(
                        rule("acme", "gambling", 1, "event.url_category == 'Gambling'", ""),
                        "g.yaml"));
        assertThat(detections()).as("not evaluated before the snapshot is complete").isEmpty();
        control(ControlMessage.snapshotEnd("rules/"));
        assertThat(detections()).containsExactly("acme/gambling/v1/e1");
        assertThat(keyedStateEntries()).as("waiting list cleared").isZero();
        h.processElement(web("acme", "e2", "b@acme.com", 2000, "Gambling"), 2000);
        assertThat(detections()).containsExactly("acme/gambling/v1/e1", "acme/gambling/v1/e2");
        assertThat(statuses()).containsExactly("gambling:accepted:1", "null:ready:0");
    }

    @Test
    void suppressionAllowsOneDetectionPerUserPerWindow() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", "suppress: 1h\n"),
                        "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 10_000_000, "Gambling"), 0);
        h.processElement(web("acme", "e2", "a@acme.com", 10_000_000 + 1_800_000, "Gambling"), 0);
        h.processElement(
                web("acme", "e3", "a@acme.com", 10_000_000 - 600_000, "Gambling"),
                0); // out of order
        h.processElement(
                web("acme", "e4", "b@acme.com", 10_000_000, "Gambling"), 0); // another user
        h.processElement(web("acme", "e5", "a@acme.com", 10_000_000 + 3_600_000, "Gambling"), 0);
        assertThat(detections()).containsExactly("acme/g/v1/e1", "acme/g/v1/e4", "acme/g/v1/e5");
    }

    @Test
    void suppressionHoldsForEventsThatWaitedForTheSnapshot() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", "suppress: 1h\n"),
                        "g"));
        for (int i = 0; i < 4; i++) {
            h.processElement(
                    web("acme", "a" + i, "a@acme.com", 10_000_000 + i * 60_000, "Gambling"), 0);
            h.processElement(
                    web("acme", "b" + i, "b@acme.com", 10_000_000 + i * 60_000, "Gambling"), 0);
        }
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "a9", "a@acme.com", 10_000_000 + 9 * 60_000, "Gambling"), 0);
        assertThat(detections()).containsExactlyInAnyOrder("acme/g/v1/a0", "acme/g/v1/b0");
    }

    @Test
    void rulesOnlySeeTheirOwnOrg() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", ""), "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("globex", "x1", "a@acme.com", 1000, "Gambling"), 0);
        assertThat(detections()).isEmpty();
    }

    @Test
    void aRuleThatFailsByItsOwnFaultIsDisabledAndTheOthersKeepFiring() throws Exception {
        String forty = "[" + "1,".repeat(39) + "1]";
        String loops =
                "'"
                        + forty
                        + ".all(x, "
                        + forty
                        + ".all(y, x == y))'"; // 1,600 iterations: over the limit
        control(ControlMessage.upsert(rule("acme", "loops", 1, loops, ""), "l"));
        control(
                ControlMessage.upsert(
                        rule("acme", "raw", 1, "event.raw['missing'] == 'x'", ""), "r"));
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", ""), "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        h.processElement(web("acme", "e2", "b@acme.com", 2000, "Gambling"), 0);
        assertThat(detections()).containsExactly("acme/g/v1/e1", "acme/g/v1/e2");
        assertThat(statuses())
                .containsExactly(
                        "loops:accepted:1",
                        "raw:accepted:1",
                        "g:accepted:1",
                        "null:ready:0",
                        "loops:disabled:0");
        ControlStatus disabled =
                h.getSideOutput(Tags.RULE_STATUS).stream()
                        .map(r -> r.getValue())
                        .filter(st -> ControlStatus.DISABLED.equals(st.status))
                        .findFirst()
                        .orElseThrow();
        assertThat(disabled.orgId).isEqualTo("acme");
        assertThat(disabled.errors[0])
                .startsWith("disabled at run time: ")
                .contains("Iteration budget exceeded");
        assertThat(h.getSideOutput(Tags.DEAD_LETTERS))
                .extracting(
                        r ->
                                r.getValue().raw
                                        + "/"
                                        + r.getValue().reason
                                        + "/"
                                        + (r.getValue().origin.contains("loops") ? "loops" : "raw"))
                .as(
                        "the looping rule fails once; a missing key is the event's fault: the rule"
                                + " stays live")
                .containsExactly(
                        "e1/rule_evaluation_failed/loops",
                        "e1/rule_evaluation_failed/raw",
                        "e2/rule_evaluation_failed/raw");
    }

    @Test
    void aDisabledRuleStillCountsAndANewVersionRunsAgain() throws Exception {
        h.close();
        h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleDetector(5_000, 2),
                        Keys::user,
                        Types.STRING,
                        RuleDetector.RULES,
                        RuleDetector.CONTROL);
        String forty = "[" + "1,".repeat(39) + "1]";
        String loops =
                "'event.url_category == \"Gambling\" && "
                        + forty
                        + ".all(x, "
                        + forty
                        + ".all(y, x == y))'";
        control(ControlMessage.upsert(rule("acme", "loops", 1, loops, ""), "l"));
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", ""), "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        control(ControlMessage.upsert(rule("acme", "third", 1, "true", ""), "t"));
        control(
                ControlMessage.upsert(
                        rule("acme", "loops", 2, "event.url_category == 'Gambling'", ""), "l"));
        h.processElement(web("acme", "e2", "b@acme.com", 2000, "Gambling"), 0);
        assertThat(statuses())
                .as("the limit counts the disabled rule: every task answers alike")
                .containsExactly(
                        "loops:accepted:1",
                        "g:accepted:1",
                        "null:ready:0",
                        "loops:disabled:0",
                        "third:rejected:0",
                        "loops:accepted:2");
        assertThat(detections())
                .containsExactly("acme/g/v1/e1", "acme/g/v1/e2", "acme/loops/v2/e2");
    }

    @Test
    void rejectedUpdateKeepsThePreviousVersionLive() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", ""), "g"));
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 2, "event.url_categry == 'Gambling'", ""), "g"));
        control(ControlMessage.upsert(rule("acme", "g", 0, "true", ""), "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        assertThat(detections()).containsExactly("acme/g/v1/e1");
        List<ControlStatus> s =
                h.getSideOutput(Tags.RULE_STATUS).stream()
                        .map(r -> r.getValue())
                        .collect(Collectors.toList());
        assertThat(s.get(1).status).isEqualTo(ControlStatus.REJECTED);
        assertThat(s.get(1).errors[0]).startsWith("when at 1:6:").contains("url_categry");
        assertThat(s.get(2).status).isEqualTo(ControlStatus.REJECTED);
        assertThat(s.get(2).errors[0]).startsWith("version");
        assertThat(s.get(2).subjectId).isEqualTo("g");
        assertThat(s.get(2).activeVersion).as("v1 stays live").isEqualTo(1);
    }

    @Test
    void olderVersionsAreStaleAndNewerOnesReplaceAndForgetState() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 2, "event.url_category == 'Gambling'", "suppress: 1h\n"),
                        "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        control(ControlMessage.upsert(rule("acme", "g", 1, "true", ""), "g"));
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 3, "event.url_category == 'Gambling'", "suppress: 1h\n"),
                        "g"));
        h.processElement(web("acme", "e2", "a@acme.com", 2000, "Gambling"), 0);
        assertThat(detections())
                .as("v3 starts with fresh suppression state")
                .containsExactly("acme/g/v2/e1", "acme/g/v3/e2");
        assertThat(statuses())
                .containsExactly("g:accepted:2", "null:ready:0", "g:stale:2", "g:accepted:3");
    }

    @Test
    void deleteRemovesTheRuleAndItsPerUserState() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", "suppress: 1h\n"),
                        "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        assertThat(keyedStateEntries()).isEqualTo(1);
        control(ControlMessage.delete("acme", "g", 1, "api"));
        assertThat(keyedStateEntries()).isZero();
        h.processElement(web("acme", "e2", "a@acme.com", 1000, "Gambling"), 0);
        assertThat(detections()).containsExactly("acme/g/v1/e1");
        assertThat(statuses()).endsWith("g:deleted:0");
    }

    @Test
    void disableEnableStageAndPromoteMakeNewVersionsOfTheLiveRule() throws Exception {
        control(
                ControlMessage.upsert(
                        rule("acme", "g", 1, "event.url_category == 'Gambling'", ""), "g"));
        control(ControlMessage.snapshotEnd("s"));
        control(ControlMessage.change(ControlMessage.RULE_DISABLE, "acme", "g", 2, "api"));
        h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 0);
        control(ControlMessage.change(ControlMessage.RULE_ENABLE, "acme", "g", 3, "api"));
        control(ControlMessage.change(ControlMessage.RULE_STAGE, "acme", "g", 4, "api"));
        h.processElement(web("acme", "e2", "a@acme.com", 2000, "Gambling"), 0);
        control(ControlMessage.change(ControlMessage.RULE_PROMOTE, "acme", "g", 5, "api"));
        h.processElement(web("acme", "e3", "a@acme.com", 3000, "Gambling"), 0);
        control(ControlMessage.change(ControlMessage.RULE_DISABLE, "acme", "g", 4, "api"));
        control(ControlMessage.change(ControlMessage.RULE_ENABLE, "acme", "nope", 9, "api"));
        assertThat(h.extractOutputValues())
                .extracting(d -> d.eventUids[0] + ":v" + d.ruleVersion + ":" + d.mode)
                .containsExactly("e2:v4:staged", "e3:v5:live");
        assertThat(statuses())
                .containsExactly(
                        "g:accepted:1",
                        "null:ready:0",
                        "g:accepted:2",
                        "g:accepted:3",
                        "g:accepted:4",
                        "g:accepted:5",
                        "g:stale:5",
                        "nope:rejected:0");
    }

    @Test
    void anOrgCannotExceedItsRuleLimit() throws Exception {
        h.close();
        h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleDetector(5_000, 2),
                        Keys::user,
                        Types.STRING,
                        RuleDetector.RULES,
                        RuleDetector.CONTROL);
        control(ControlMessage.upsert(rule("acme", "r1", 1, "true", ""), "1"));
        control(ControlMessage.upsert(rule("acme", "r2", 1, "true", ""), "2"));
        control(ControlMessage.upsert(rule("acme", "r3", 1, "true", ""), "3"));
        control(ControlMessage.upsert(rule("acme", "r2", 2, "true", ""), "2"));
        control(ControlMessage.upsert(rule("globex", "r1", 1, "true", ""), "g"));
        assertThat(statuses())
                .containsExactly(
                        "r1:accepted:1",
                        "r2:accepted:1",
                        "r3:rejected:0",
                        "r2:accepted:2",
                        "r1:accepted:1");
    }

    @Test
    void thresholdProgressIsKeyedStateCleanedAfterItsWindow() throws Exception {
        control(
                ControlMessage.upsert(
                        rule(
                                "acme",
                                "t",
                                1,
                                "event.url_category == 'Gambling'",
                                "threshold: {count: 3, within: 10m}\n"),
                        "t"));
        control(ControlMessage.snapshotEnd("s"));
        h.setProcessingTime(0);
        h.processElement(web("acme", "e1", "a@acme.com", 1_000_000, "Gambling"), 0);
        h.processElement(web("acme", "e2", "a@acme.com", 1_060_000, "Gambling"), 0);
        assertThat(keyedStateEntries()).isEqualTo(1);
        h.processElement(web("acme", "e3", "b@acme.com", 1_060_000, "Gambling"), 0);
        h.processElement(web("acme", "e4", "a@acme.com", 1_120_000, "Gambling"), 0);
        assertThat(detections()).containsExactly("acme/t/v1/e1");
        assertThat(h.extractOutputValues().get(0).eventUids).containsExactly("e1", "e2", "e4");
        h.setProcessingTime(11 * 60_000 + 60_000);
        assertThat(keyedStateEntries())
                .as("the watermark has not passed b's window yet (as after a restore)")
                .isEqualTo(1);
        h.processWatermark(
                1_060_000 + 10 * 60_000 + 5_000); // b's window and the out-of-orderness allowance
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.setProcessingTime(13 * 60_000);
        assertThat(keyedStateEntries())
                .as("b's single count expired on the wall clock and in event time")
                .isZero();
    }

    @Test
    void unresolvedEventsMatchOnEventFieldsAndDetectionsHaveNoUser() throws Exception {
        control(
                ControlMessage.upsert(
                        rule(
                                "acme",
                                "g",
                                1,
                                "event.url_category == 'Gambling' && !event.resolved",
                                ""),
                        "g"));
        control(ControlMessage.snapshotEnd("s"));
        h.processElement(web("acme", "e1", "ghost@acme.com", 1000, "Gambling"), 0);
        Detection d = h.extractOutputValues().get(0);
        assertThat(d.userId).isNull();
        assertThat(d.identityKey).isEqualTo("ghost@acme.com");
    }
}
