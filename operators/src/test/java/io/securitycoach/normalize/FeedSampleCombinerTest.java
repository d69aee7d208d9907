package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.FeedSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Feed samples added up per feed before the shuffle to the health monitor: nothing lost, nothing
 * held across a checkpoint barrier or the end of the input, a feed turns unhealthy for dead letters
 * at the same record, with the same counts, as when every record was a sample, and the alarm on
 * records without a verdict ends as it would have.
 */
class FeedSampleCombinerTest {
    private static final long HOUR = 3_600_000L;

    private static OneInputStreamOperatorTestHarness<FeedSample, FeedSample> harness()
            throws Exception {
        OneInputStreamOperatorTestHarness<FeedSample, FeedSample> h =
                new OneInputStreamOperatorTestHarness<>(new FeedSampleCombiner(1_000));
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    private static FeedSample clean(String org) {
        return FeedSample.of(org, "zscaler", 1, new String[0]);
    }

    private static List<String> samples(OneInputStreamOperatorTestHarness<?, FeedSample> h) {
        return h.extractOutputValues().stream()
                .map(
                        s ->
                                s.feedKey()
                                        + " "
                                        + s.events
                                        + " "
                                        + s.unknownVerdicts
                                        + " "
                                        + String.join(",", s.badReasons))
                .collect(Collectors.toList());
    }

    @Test
    void cleanRecordsOfAFeedGoOnAsOneSampleWithinTheInterval() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 30; i++) {
                h.processElement(clean(i % 3 == 0 ? "globex" : "acme"), 0);
            }
            assertThat(h.extractOutputValues()).as("waiting for the interval").isEmpty();
            h.setProcessingTime(1_000);
            assertThat(samples(h))
                    .containsExactlyInAnyOrder("globex/zscaler 10 0 ", "acme/zscaler 20 0 ");
        }
    }

    @Test
    void aDeadLetterGoesAtOnceWithWhatItsFeedHadPending() throws Exception {
        try (var h = harness()) {
            h.processElement(clean("acme"), 0);
            h.processElement(FeedSample.of("acme", "zscaler", 2, 2, new String[0]), 0);
            h.processElement(clean("globex"), 0);
            assertThat(h.extractOutputValues()).as("no verdict: waits with the clean").isEmpty();
            h.processElement(FeedSample.of("acme", "zscaler", 0, new String[] {"missing_time"}), 0);
            assertThat(samples(h)).containsExactly("acme/zscaler 3 2 missing_time");
            h.setProcessingTime(1_000);
            assertThat(samples(h)).endsWith("globex/zscaler 1 0 ");
        }
    }

    @Test
    void nothingWaitsAcrossABarrierOrTheEndOfTheInput() throws Exception {
        try (var h = harness()) {
            h.processElement(clean("acme"), 0);
            h.prepareSnapshotPreBarrier(1);
            assertThat(samples(h)).containsExactly("acme/zscaler 1 0 ");
            h.processElement(clean("globex"), 0);
            h.endInput();
            assertThat(samples(h)).endsWith("globex/zscaler 1 0 ");
        }
    }

    @Test
    void aBusyFeedGoesOnEveryTenThousandRecordsWhateverTheClock() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < FeedSampleCombiner.MAX_RECORDS; i++) {
                h.processElement(clean("acme"), 0);
            }
            assertThat(samples(h)).containsExactly("acme/zscaler 10000 0 ");
        }
    }

    /**
     * Random feeds of clean, bad and unknown-verdict records within one interval: each feed's first
     * dead-letter alarm comes at the same record with the same counts, and each alarm ends in the
     * same state. (A rise and fall within one interval are not seen: the monitor looks at the
     * counts when the waiting records go on.)
     */
    @Test
    void theMonitorRaisesTheSameFirstAlarmAndEndsTheSameAsWithASamplePerRecord() throws Exception {
        int unknownVerdictAlarms = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<FeedSample> records = randomRecords(new Random(seed));
            List<FeedSample> combined;
            try (var h = harness()) {
                for (FeedSample s : records) {
                    h.processElement(s, 0);
                }
                h.endInput();
                combined = h.extractOutputValues();
            }
            List<ControlStatus> perRecord = monitor(records);
            List<ControlStatus> afterCombining = monitor(combined);
            assertThat(perRecord).as("the random feeds raise alarms").isNotEmpty();
            for (String org : List.of("acme", "globex")) {
                for (String kind :
                        List.of(FeedHealthMonitor.STATUS, FeedHealthMonitor.UNKNOWN_VERDICTS)) {
                    List<String> expected = texts(perRecord, org, kind);
                    List<String> actual = texts(afterCombining, org, kind);
                    String what = "seed " + seed + " " + org + " " + kind;
                    assertThat(actual.size() % 2)
                            .as(what + ": ends in the same state")
                            .isEqualTo(expected.size() % 2);
                    unknownVerdictAlarms +=
                            kind.equals(FeedHealthMonitor.UNKNOWN_VERDICTS) ? actual.size() : 0;
                    if (kind.equals(FeedHealthMonitor.STATUS)) {
                        assertThat(actual.isEmpty()).as(what).isEqualTo(expected.isEmpty());
                        if (!expected.isEmpty()) {
                            assertThat(actual.get(0)).as(what).isEqualTo(expected.get(0));
                        }
                    }
                }
            }
        }
        assertThat(unknownVerdictAlarms)
                .as("combined records raise unknown-verdict alarms")
                .isPositive();
    }

    private static List<FeedSample> randomRecords(Random random) {
        List<FeedSample> records = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String org = random.nextBoolean() ? "acme" : "globex";
            int kind = random.nextInt(100);
            records.add(
                    kind < 4
                            ? FeedSample.of(org, "zscaler", 0, new String[] {"invalid_time"})
                            : kind < 10
                                    ? FeedSample.of(org, "zscaler", 1, 1, new String[0])
                                    : clean(org));
        }
        return records;
    }

    private static List<ControlStatus> monitor(List<FeedSample> samples) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FeedSample, ControlStatus> monitor =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FeedHealthMonitor(HOUR, 5), FeedSample::feedKey, Types.STRING)) {
            monitor.setProcessingTime(0);
            for (FeedSample s : samples) {
                monitor.processElement(s, 0);
            }
            return monitor.extractOutputValues();
        }
    }

    private static List<String> texts(List<ControlStatus> statuses, String org, String kind) {
        return statuses.stream()
                .filter(s -> org.equals(s.orgId) && kind.equals(s.status))
                .map(s -> s.errors[0])
                .collect(Collectors.toList());
    }
}
