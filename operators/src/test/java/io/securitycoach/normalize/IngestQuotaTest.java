package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.util.DrainingKeyedProcessOperator;
import io.securitycoach.util.Tags;
import java.util.List;
import java.util.Queue;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Each org's fair share of ingestion: deferred records keep their order, survive a restore and are
 * released at the org's rate; another org is not held by one org's backlog.
 */
class IngestQuotaTest {
    /** One record a second, bursts of two, at most three waiting. */
    private static KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new DrainingKeyedProcessOperator<>(new IngestQuota(1, 2, 3)),
                        r -> r.orgId,
                        Types.STRING);
        return h;
    }

    private static RawEvent record(String org, int n) {
        return new RawEvent(org, "okta", "{\"n\": " + n + "}", "test", 0);
    }

    private static List<String> passed(
            KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> h) {
        return h.extractOutputValues().stream()
                .map(r -> r.orgId + " " + r.payload)
                .collect(Collectors.toList());
    }

    private static List<String> statuses(
            KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> h) {
        Queue<StreamRecord<ControlStatus>> out = h.getSideOutput(Tags.RULE_STATUS);
        return out == null
                ? List.of()
                : out.stream()
                        .map(s -> s.getValue().orgId + " " + s.getValue().status)
                        .collect(Collectors.toList());
    }

    @Test
    void recordsOverTheRateWaitInOrderAndGoAtTheRate() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 1; i <= 4; i++) {
                h.processElement(record("acme", i), 0);
            }
            h.processElement(record("globex", 1), 0);
            assertThat(passed(h))
                    .as("acme's burst, and globex past acme's backlog")
                    .containsExactly("acme {\"n\": 1}", "acme {\"n\": 2}", "globex {\"n\": 1}");
            assertThat(statuses(h)).containsExactly("acme " + IngestQuota.EXCEEDED);

            h.setProcessingTime(3_000);
            assertThat(passed(h)).endsWith("acme {\"n\": 3}", "acme {\"n\": 4}");
            assertThat(statuses(h)).endsWith("acme " + IngestQuota.RECOVERED);
        }
    }

    @Test
    void pastTheWaitingLimitARecordIsADeadLetterWithItsBytes() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 1; i <= 6; i++) {
                h.processElement(record("acme", i), 0);
            }
            Queue<StreamRecord<DeadLetter>> dead = h.getSideOutput(Tags.DEAD_LETTERS);
            assertThat(dead).hasSize(1);
            DeadLetter d = dead.peek().getValue();
            assertThat(d.reason).isEqualTo(IngestQuota.EXCEEDED);
            assertThat(d.raw).isEqualTo("{\"n\": 6}");
        }
    }

    @Test
    void waitingRecordsSurviveARestoreInTheirOrder() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 1; i <= 4; i++) {
                h.processElement(record("acme", i), 0);
            }
            snapshot = h.snapshot(1, 0);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(0);
            h.processElement(record("acme", 5), 0);
            assertThat(passed(h)).as("behind the restored backlog").isEmpty();
            h.setProcessingTime(5_000);
            assertThat(passed(h))
                    .containsExactly("acme {\"n\": 3}", "acme {\"n\": 4}", "acme {\"n\": 5}");
        }
    }

    /**
     * A record within its org's rate changes only the bucket's tokens, kept in the task's memory
     * and not written to state: a restore starts the org from the tokens last written (none here: a
     * full bucket), as for an org that had been quiet.
     */
    @Test
    void tokensSpentWithinTheRateAreNotWrittenToState() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(record("acme", 1), 0);
            h.processElement(record("acme", 2), 0);
            assertThat(passed(h)).hasSize(2);
            snapshot = h.snapshot(1, 0);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(0);
            for (int i = 3; i <= 5; i++) {
                h.processElement(record("acme", i), 0);
            }
            assertThat(passed(h))
                    .as("a full bucket again, then the rate")
                    .containsExactly("acme {\"n\": 3}", "acme {\"n\": 4}");
        }
    }

    @Test
    void theEndOfABoundedInputReleasesEveryWaitingRecord() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 1; i <= 5; i++) {
                h.processElement(record("acme", i), 0);
            }
            h.endInput();
            assertThat(passed(h))
                    .containsExactly(
                            "acme {\"n\": 1}",
                            "acme {\"n\": 2}",
                            "acme {\"n\": 3}",
                            "acme {\"n\": 4}",
                            "acme {\"n\": 5}");
        }
    }
}
