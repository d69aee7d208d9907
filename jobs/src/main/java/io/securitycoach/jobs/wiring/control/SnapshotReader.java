package io.securitycoach.jobs.wiring.control;

import io.securitycoach.records.ControlMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Sends the snapshot's messages in order, then its end of event time: the control stream carries no
 * event time, yet detection reads it as a second input, whose watermark would hold detection's
 * back. Until the snapshot is sent it does hold it (events wait for their rules either way); after
 * that, the event side alone decides. Bounded, it then ends; continuous, it stays open and idle.
 */
final class SnapshotReader implements SourceReader<ControlMessage, SnapshotSplit> {
    private final SnapshotMessages snapshot;
    private List<ControlMessage> messages;
    private SnapshotSplit split;
    private int next;
    private boolean noMoreSplits;
    private boolean eventTimeReleased;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    SnapshotReader(SnapshotMessages snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * What to send for a split from the enumerator or a checkpoint. The same snapshot resumes where
     * it was; a restore given no changes (nothing but the end marker) after a complete snapshot
     * sends nothing; any other snapshot is sent in full, on top of the restored state (newer
     * versions win).
     */
    static SnapshotSplit toFollow(SnapshotSplit given, SnapshotMessages snapshot) {
        if (given.fingerprint.equals(snapshot.fingerprint())) {
            return given;
        }
        if (given.complete() && snapshot.onlyEndMarker()) {
            return given;
        }
        return new SnapshotSplit(snapshot.fingerprint(), 0, snapshot.size());
    }

    @Override
    public void start() {
        messages = snapshot.decode();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ControlMessage> output) {
        if (split != null && next < split.size) {
            output.collect(messages.get(next++));
            return InputStatus.MORE_AVAILABLE;
        }
        if (split != null && !eventTimeReleased) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
            eventTimeReleased = true;
        }
        return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<SnapshotSplit> snapshotState(long checkpointId) {
        return split == null
                ? List.of()
                : List.of(new SnapshotSplit(split.fingerprint, next, split.size));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (hasWork()) {
            return CompletableFuture.completedFuture(null);
        }
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return available;
    }

    private boolean hasWork() {
        return noMoreSplits || (split != null && (next < split.size || !eventTimeReleased));
    }

    @Override
    public void addSplits(List<SnapshotSplit> splits) {
        for (SnapshotSplit given : splits) {
            split = toFollow(given, snapshot);
            next = split.next;
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {
        available.complete(null);
    }
}
