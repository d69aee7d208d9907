package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

/** Completed checkpoints of a run: durations and the last one's full state size. */
final class CheckpointSummary {
    final List<Long> durationsMillis = new ArrayList<>();
    long lastStateBytes;

    /** Each completed checkpoint's trigger time and duration, to set against latencies. */
    static void writeCsv(AccessExecutionGraph graph, Path csv) throws IOException {
        StringBuilder lines = new StringBuilder("triggered_at_ms,duration_ms\n");
        for (AbstractCheckpointStats c : completed(graph)) {
            lines.append(c.getTriggerTimestamp())
                    .append(',')
                    .append(c.getEndToEndDuration())
                    .append('\n');
        }
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
    }

    /** Each completed checkpoint as its trigger and completion times (ms). */
    static List<long[]> windows(AccessExecutionGraph graph) {
        List<long[]> windows = new ArrayList<>();
        for (AbstractCheckpointStats c : completed(graph)) {
            windows.add(
                    new long[] {
                        c.getTriggerTimestamp(), c.getTriggerTimestamp() + c.getEndToEndDuration()
                    });
        }
        return windows;
    }

    static CheckpointSummary of(AccessExecutionGraph graph) {
        CheckpointSummary s = new CheckpointSummary();
        for (AbstractCheckpointStats c : completed(graph)) {
            s.durationsMillis.add(c.getEndToEndDuration());
            s.lastStateBytes = c.getStateSize();
        }
        return s;
    }

    private static List<AbstractCheckpointStats> completed(AccessExecutionGraph graph) {
        List<AbstractCheckpointStats> done = new ArrayList<>();
        for (AbstractCheckpointStats c :
                graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                done.add(c);
            }
        }
        done.sort(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId));
        return done;
    }
}
