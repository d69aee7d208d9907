package io.securitycoach.jobs.wiring.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.ControlMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/**
 * The control snapshot's reader: what it sends, when it releases event time, and what a restore
 * resends.
 */
class ControlSnapshotSourceTest {
    static final List<ControlMessage> V1 =
            List.of(upsert(1), ControlMessage.snapshotEnd("rules-v1"));
    static final List<ControlMessage> V2 =
            List.of(upsert(2), ControlMessage.snapshotEnd("rules-v2"));
    static final List<ControlMessage> NOTHING = List.of(ControlMessage.snapshotEnd("no-rules"));

    @Test
    void sendsTheSnapshotThenReleasesEventTimeAndStaysOpen() {
        SnapshotMessages v1 = new SnapshotMessages(V1);
        SnapshotReader reader = started(v1);
        reader.addSplits(List.of(new SnapshotSplit(v1.fingerprint(), 0, v1.size())));
        Captured out = new Captured();
        assertThat(drain(reader, out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(out.types())
                .containsExactly(ControlMessage.RULE_UPSERT, ControlMessage.SNAPSHOT_END);
        assertThat(out.watermarks).containsExactly(Long.MAX_VALUE);
        assertThat(reader.isAvailable()).as("open and idle").isNotDone();
        assertThat(reader.snapshotState(1))
                .singleElement()
                .satisfies(s -> assertThat(s.complete()).isTrue());
    }

    @Test
    void boundedItEndsOnceTheSnapshotIsSent() {
        SnapshotMessages v1 = new SnapshotMessages(V1);
        SnapshotReader reader = started(v1);
        reader.addSplits(List.of(new SnapshotSplit(v1.fingerprint(), 0, v1.size())));
        reader.notifyNoMoreSplits();
        Captured out = new Captured();
        assertThat(drain(reader, out)).isEqualTo(InputStatus.END_OF_INPUT);
        assertThat(out.types()).hasSize(2);
    }

    @Test
    void holdsEventTimeUntilTheSnapshotIsSent() {
        SnapshotMessages v1 = new SnapshotMessages(V1);
        SnapshotReader reader = started(v1);
        reader.addSplits(List.of(new SnapshotSplit(v1.fingerprint(), 0, v1.size())));
        Captured out = new Captured();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(out.watermarks).isEmpty();
    }

    @Test
    void aRestoreResumesTheSameSnapshotWithoutSendingItAgain() {
        SnapshotMessages v1 = new SnapshotMessages(V1);
        SnapshotReader reader = started(v1);
        reader.addSplits(List.of(new SnapshotSplit(v1.fingerprint(), v1.size(), v1.size())));
        Captured out = new Captured();
        drain(reader, out);
        assertThat(out.types()).isEmpty();
        assertThat(out.watermarks)
                .as("event time released at once")
                .containsExactly(Long.MAX_VALUE);
    }

    @Test
    void aRestoreGivenNoRulesSendsNothingAndKeepsWhatWasSent() {
        SnapshotSplit sent = new SnapshotSplit(new SnapshotMessages(V1).fingerprint(), 2, 2);
        assertThat(SnapshotReader.toFollow(sent, new SnapshotMessages(NOTHING))).isSameAs(sent);
    }

    @Test
    void aRestoreGivenOtherRulesSendsThemInFull() {
        SnapshotSplit sent = new SnapshotSplit(new SnapshotMessages(V1).fingerprint(), 2, 2);
        SnapshotMessages v2 = new SnapshotMessages(V2);
        SnapshotSplit next = SnapshotReader.toFollow(sent, v2);
        assertThat(next.fingerprint).isEqualTo(v2.fingerprint());
        assertThat(next.next).isZero();
    }

    @Test
    void theFingerprintIsWhatTheMessagesSayNotWhereTheyWereRead() {
        List<ControlMessage> elsewhere =
                List.of(upsert(1), ControlMessage.snapshotEnd("another/folder"));
        assertThat(new SnapshotMessages(elsewhere).fingerprint())
                .isEqualTo(new SnapshotMessages(V1).fingerprint());
        assertThat(new SnapshotMessages(V2).fingerprint())
                .isNotEqualTo(new SnapshotMessages(V1).fingerprint());
    }

    @Test
    void splitsSurviveTheirSerializers() throws Exception {
        SnapshotSplit split = new SnapshotSplit("abc", 1, 3);
        SnapshotSplitSerializer splits = SnapshotSplitSerializer.INSTANCE;
        assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split)))
                .usingRecursiveComparison()
                .isEqualTo(split);
        SnapshotSplitSerializer.Pending pending = SnapshotSplitSerializer.Pending.INSTANCE;
        assertThat(pending.deserialize(pending.getVersion(), pending.serialize(List.of(split))))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(split);
    }

    @Test
    void theReplacedSourcesStateReadsAsASnapshotSentOfUnknownContent() throws Exception {
        byte[] numberSequenceSplit = {0, 1, '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        SnapshotSplit replaced =
                SnapshotSplitSerializer.INSTANCE.deserialize(1, numberSequenceSplit);
        assertThat(replaced.complete()).isTrue();
        assertThat(SnapshotReader.toFollow(replaced, new SnapshotMessages(NOTHING)))
                .as("no rules given: nothing sent")
                .isSameAs(replaced);
        assertThat(SnapshotReader.toFollow(replaced, new SnapshotMessages(V2)).next)
                .as("rules given: sent in full")
                .isZero();
        assertThat(SnapshotSplitSerializer.Pending.INSTANCE.deserialize(1, new byte[] {0, 0, 0, 0}))
                .isEmpty();
    }

    private static SnapshotReader started(SnapshotMessages snapshot) {
        SnapshotReader reader = new SnapshotReader(snapshot);
        reader.start();
        return reader;
    }

    private static InputStatus drain(SnapshotReader reader, Captured out) {
        InputStatus status;
        do {
            status = reader.pollNext(out);
        } while (status == InputStatus.MORE_AVAILABLE);
        return status;
    }

    private static ControlMessage upsert(long version) {
        ControlMessage m =
                ControlMessage.upsert(
                        "id: sites\norg: acme\nversion: " + version + "\n", "sites.yaml");
        m.orgId = "acme";
        return m;
    }

    /** What the reader hands its output. */
    static final class Captured implements ReaderOutput<ControlMessage> {
        final List<ControlMessage> records = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        List<String> types() {
            List<String> types = new ArrayList<>();
            records.forEach(m -> types.add(m.type));
            return types;
        }

        @Override
        public void collect(ControlMessage record) {
            records.add(record);
        }

        @Override
        public void collect(ControlMessage record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<ControlMessage> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
