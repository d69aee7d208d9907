package io.securitycoach.bench.pipeline;

import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Completed checkpoints of a run: durations and the last one's full state size. */
final class CheckpointSummary {
    final List<Long> durationsMillis = new ArrayList<>();
    long lastStateBytes;

    static CheckpointSummary of(AccessExecutionGraph graph) {
        List<AbstractCheckpointStats> done = new ArrayList<>();
        for (AbstractCheckpointStats c : graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                done.add(c);
            }
        }
        done.sort(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId));
        CheckpointSummary s = new CheckpointSummary();
        for (AbstractCheckpointStats c : done) {
            s.durationsMillis.add(c.getEndToEndDuration());
            s.lastStateBytes = c.getStateSize();
        }
        return s;
    }
}
