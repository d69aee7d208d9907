package io.securitycoach.jobs.wiring.control;

import io.securitycoach.records.ControlMessage;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The control messages read from files at start (parsing configurations, rules, ending with {@code
 * snapshot_end}) as a source with its position in checkpoints. Continuous, it stays open after the
 * snapshot, as production's control stream (Kinesis) does: a finished control source would be
 * recorded as finished in a savepoint, and a restored job could then take no control messages at
 * all. A restore resumes the same snapshot where it was and sends a different one in full (see
 * {@link SnapshotReader#toFollow}). Runs with parallelism 1.
 */
public final class ControlSnapshotSource
        implements Source<ControlMessage, SnapshotSplit, List<SnapshotSplit>> {
    private static final long serialVersionUID = 1L;
    private final SnapshotMessages snapshot;
    private final boolean bounded;

    public ControlSnapshotSource(List<ControlMessage> messages, boolean bounded) {
        this.snapshot = new SnapshotMessages(messages);
        this.bounded = bounded;
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<ControlMessage, SnapshotSplit> createReader(
            SourceReaderContext readerContext) {
        return new SnapshotReader(snapshot);
    }

    @Override
    public SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> createEnumerator(
            SplitEnumeratorContext<SnapshotSplit> context) {
        return new SnapshotEnumerator(
                context,
                bounded,
                List.of(new SnapshotSplit(snapshot.fingerprint(), 0, snapshot.size())));
    }

    @Override
    public SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> restoreEnumerator(
            SplitEnumeratorContext<SnapshotSplit> context, List<SnapshotSplit> pending) {
        return new SnapshotEnumerator(context, bounded, pending);
    }

    @Override
    public SimpleVersionedSerializer<SnapshotSplit> getSplitSerializer() {
        return SnapshotSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<SnapshotSplit>> getEnumeratorCheckpointSerializer() {
        return SnapshotSplitSerializer.Pending.INSTANCE;
    }
}
