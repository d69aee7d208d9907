package io.securitycoach.jobs.wiring.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Hands the snapshot's split to the first reader (the source runs with parallelism 1), and takes it
 * back if that reader fails before a checkpoint. Bounded, it then tells the reader that nothing
 * more comes, so the source finishes once the snapshot is sent; continuous, it never does, and the
 * source stays open as a control stream from Kinesis would.
 */
final class SnapshotEnumerator implements SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> {
    private final SplitEnumeratorContext<SnapshotSplit> context;
    private final boolean bounded;
    private final List<SnapshotSplit> pending;

    SnapshotEnumerator(
            SplitEnumeratorContext<SnapshotSplit> context,
            boolean bounded,
            List<SnapshotSplit> pending) {
        this.context = context;
        this.bounded = bounded;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<SnapshotSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        if (!pending.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, List.copyOf(pending))));
            pending.clear();
        }
        if (bounded) {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public List<SnapshotSplit> snapshotState(long checkpointId) {
        return List.copyOf(pending);
    }

    @Override
    public void close() {}
}
