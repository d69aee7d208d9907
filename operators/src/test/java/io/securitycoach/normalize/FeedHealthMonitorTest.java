package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.FeedSample;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FeedHealthMonitorTest {
    private static final long HOUR = 3_600_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedSample, ControlStatus>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FeedHealthMonitor(HOUR, 5), FeedSample::feedKey, Types.STRING);
    }

    private static FeedSample good() {
        return FeedSample.of("acme", "zscaler", 1, new String[0]);
    }

    private static FeedSample bad(String reason) {
        return FeedSample.of("acme", "zscaler", 0, new String[] {reason});
    }

    private static List<String> statuses(
            KeyedOneInputStreamOperatorTestHarness<String, FeedSample, ControlStatus> h) {
        return h.extractOutputValues().stream()
                .map(
                        s ->
                                s.orgId
                                        + " "
                                        + s.subjectId
                                        + " "
                                        + s.status
                                        + " "
                                        + s.errors[0].substring(0, s.errors[0].indexOf(':')))
                .collect(Collectors.toList());
    }

    @Test
    void aBrokenTemplateMakesTheFeedUnhealthyAndItRecoversOnceBadRecordsAgeOut() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            for (int i = 0; i < 100; i++) {
                h.processElement(good(), 0);
            }
            for (int i = 0; i < 4; i++) {
                h.processElement(bad("invalid_time"), 0);
            }
            assertThat(h.extractOutputValues())
                    .as("4 of 104, under the minimum of bad records")
                    .isEmpty();
            for (int i = 0; i < 6; i++) {
                h.processElement(bad("invalid_time"), 0);
            }
            assertThat(statuses(h)).containsExactly("acme feed/zscaler feed_health unhealthy");
            assertThat(h.extractOutputValues().get(0).errors[0])
                    .contains("5.7% of 106 records")
                    .contains("invalid_time");

            h.setProcessingTime(HOUR + HOUR / 12);
            assertThat(statuses(h))
                    .containsExactly(
                            "acme feed/zscaler feed_health unhealthy",
                            "acme feed/zscaler feed_health recovered");
        }
    }

    @Test
    void deliberateDropsAndAHealthyShareRaiseNothing() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            for (int i = 0; i < 200; i++) {
                h.processElement(i % 25 == 0 ? bad("missing_identity") : good(), 0);
                h.processElement(
                        FeedSample.of("acme", "zscaler", 0, new String[0]),
                        0); // a platform event: no count
            }
            assertThat(h.extractOutputValues()).as("4% bad").isEmpty();
            assertThat(FeedHealthMonitor.countsAgainstHealth(Reasons.PLATFORM_EVENT)).isFalse();
            assertThat(FeedHealthMonitor.countsAgainstHealth(Reasons.INVALID_TIME)).isTrue();
        }
    }

    @Test
    void recoveryByGoodTrafficIsReportedOnce() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            for (int i = 0; i < 10; i++) {
                h.processElement(bad("unrecognized_format"), 0);
            }
            for (int i = 0; i < 500; i++) {
                h.processElement(good(), 0);
            }
            assertThat(statuses(h))
                    .containsExactly(
                            "acme feed/zscaler feed_health unhealthy",
                            "acme feed/zscaler feed_health recovered");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedSample, ControlStatus>
            silenceHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FeedHealthMonitor(HOUR, 5, 6 * HOUR), FeedSample::feedKey, Types.STRING);
    }

    @Test
    void aFeedThatStopsIsReportedSilentWithinItsLimitAndRecoversWhenRecordsReturn()
            throws Exception {
        try (var h = silenceHarness()) {
            h.setProcessingTime(0);
            h.processElement(good(), 0);
            h.setProcessingTime(6 * HOUR - 1);
            assertThat(h.extractOutputValues()).as("quiet, not yet silent").isEmpty();

            h.setProcessingTime(6 * HOUR + HOUR / 12);
            assertThat(statuses(h)).containsExactly("acme feed/zscaler silent silent");
            assertThat(h.extractOutputValues().get(0).errors[0]).contains("for 6h");

            h.setProcessingTime(20 * HOUR);
            assertThat(h.extractOutputValues()).as("said once").hasSize(1);

            h.processElement(good(), 0);
            assertThat(statuses(h))
                    .containsExactly(
                            "acme feed/zscaler silent silent",
                            "acme feed/zscaler feed_health recovered");
        }
    }

    @Test
    void aFeedThatKeepsSendingIsNeverSilentAndOneThatNeverSentIsNotWatched() throws Exception {
        try (var h = silenceHarness()) {
            for (long t = 0; t <= 24 * HOUR; t += HOUR) {
                h.setProcessingTime(t);
                h.processElement(good(), 0);
            }
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aSilentFeedIsForgottenAfterItsRetentionSoItsStateEnds() throws Exception {
        try (var h = silenceHarness()) {
            h.setProcessingTime(0);
            h.processElement(good(), 0);
            h.setProcessingTime(7 * HOUR);
            assertThat(statuses(h)).containsExactly("acme feed/zscaler silent silent");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            h.setProcessingTime((FeedHealthMonitor.SILENT_RETENTION_FACTOR * 6 + 1) * HOUR);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void withoutALimitAQuietFeedLeavesNoStateOnceItsWindowIsEmpty() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement(good(), 0);
            h.setProcessingTime(30 * HOUR);
            h.processElement(bad("invalid_time"), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    private static FeedSample unknownVerdict() {
        return FeedSample.of("acme", "proofpoint", 1, 1, new String[0]);
    }

    private static FeedSample knownVerdict() {
        return FeedSample.of("acme", "proofpoint", 1, 0, new String[0]);
    }

    @Test
    void aFeedWithoutVerdictsIsReportedWithItsUnknownVerdictPercentAndRecovers() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            for (int i = 0; i < 100; i++) {
                h.processElement(knownVerdict(), 0);
            }
            for (int i = 0; i < 4; i++) {
                h.processElement(unknownVerdict(), 0);
            }
            assertThat(h.extractOutputValues()).as("4 of 104, under the minimum").isEmpty();
            for (int i = 0; i < 16; i++) {
                h.processElement(unknownVerdict(), 0);
            }
            assertThat(statuses(h))
                    .containsExactly("acme feed/proofpoint unknown_verdicts many unknown verdicts");
            assertThat(h.extractOutputValues().get(0).errors[0])
                    .contains("unknown_verdict_percent 5.7% of 106 events")
                    .contains("above 5.0%")
                    .doesNotContain("dead letters");

            h.setProcessingTime(HOUR + HOUR / 12);
            assertThat(statuses(h))
                    .containsExactly(
                            "acme feed/proofpoint unknown_verdicts many unknown verdicts",
                            "acme feed/proofpoint unknown_verdicts recovered");
        }
    }

    @Test
    void aWindowFromBeforeUnknownVerdictsWereCountedKeepsCounting() {
        FeedWindow restored = FeedWindow.empty(12);
        restored.unknown = new long[0]; // as a savepoint written before the field existed
        assertThat(restored.unknown(3)).isZero();
        restored.add(3, 10, 0, 7);
        assertThat(restored.unknown(3)).isEqualTo(7);
        assertThat(restored.total(3)).isEqualTo(10);
    }
}
