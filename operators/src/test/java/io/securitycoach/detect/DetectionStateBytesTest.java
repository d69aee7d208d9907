package io.securitycoach.detect;

import static io.securitycoach.testing.EventBuilder.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.ProgressEntries;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Issue 28, finding 6: 50 threshold rules counting distinct URLs over 100 of the largest records a
 * tenant may send (a 1 MiB URL, a 1,000-character event uid) made checkpoints of 1-2 GB when
 * progress kept the values. The detect stage's keyed state in a checkpoint now stays within the
 * bound of its entries, whatever the records hold.
 */
class DetectionStateBytesTest {
    private static final int RULES = 50;
    private static final int RECORDS = 100;
    private static final int RECORD_CHARS = 1024 * 1024;

    /** Per rule and person beyond its entries: the rule key, the TTL stamp, the fixed fields. */
    private static final int PROGRESS_OVERHEAD_BYTES = 256;

    @Test
    void checkpointedProgressIsBoundedByItsEntriesNotByTheRecords() throws Exception {
        long bytes;
        try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleDetector(),
                        Keys::user,
                        Types.STRING,
                        RuleDetector.RULES,
                        RuleDetector.CONTROL)) {
            for (int r = 0; r < RULES; r++) {
                h.processBroadcastElement(ControlMessage.upsert(thresholdRule(r), "t" + r), 0);
            }
            h.processBroadcastElement(ControlMessage.snapshotEnd("rules/"), 0);
            for (int i = 0; i < RECORDS; i++) {
                h.processElement(largestRecord(i), 0);
            }
            assertThat(h.extractOutputValues()).as("no threshold is reached").isEmpty();
            bytes = keyedStateBytes(h.snapshot(1, 1));
        }
        long bound =
                (long) RULES
                        * (RECORDS * ProgressEntries.MAX_ENTRY_BYTES + PROGRESS_OVERHEAD_BYTES);
        assertThat(bytes)
                .as(
                        "checkpointed keyed state, bound %,d bytes (the values alone: %,d)",
                        bound, (long) RULES * RECORDS * RECORD_CHARS)
                .isLessThanOrEqualTo(bound)
                .as("every entry is kept: a hash of 32 characters at least")
                .isGreaterThan((long) RULES * RECORDS * 2 * ProgressEntries.HASH_BYTES);
    }

    private static String thresholdRule(int r) {
        return RuleDetectorTest.rule(
                "acme",
                "distinct-" + r,
                1,
                "event.url_category == 'Gambling'",
                "threshold: {count: 1000, within: 24h, distinct: url}\n");
    }

    /** A record at the size limit: its URL fills it, and its uid is long. */
    private static SecurityEvent largestRecord(int i) {
        SecurityEvent e =
                web("acme", i + "u".repeat(1_000), "a@acme.com", 1_000_000L + i, "Gambling");
        char[] url = new char[RECORD_CHARS];
        Arrays.fill(url, (char) ('a' + i % 26));
        url[RECORD_CHARS - 1] = (char) ('0' + i % 10);
        url[0] = (char) ('A' + i / 26);
        e.url = new String(url);
        return e;
    }

    private static long keyedStateBytes(OperatorSubtaskState snapshot) {
        long bytes = 0;
        for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
            bytes += handle.getStateSize();
        }
        return bytes;
    }
}
