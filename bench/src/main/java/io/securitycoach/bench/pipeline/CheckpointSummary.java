package io.securitycoach.bench.pipeline;

import io.securitycoach.util.Percentiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;

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

    /**
     * Each completed checkpoint's tasks, the slowest subtask's figures per task (ms): the start
     * delay (barrier travel), alignment, the synchronous part (in the task thread: records wait)
     * and the asynchronous part.
     */
    static void writeTaskCsv(AccessExecutionGraph graph, Path csv) throws IOException {
        Map<JobVertexID, String> names = new HashMap<>();
        for (AccessExecutionJobVertex v : graph.getAllVertices().values()) {
            names.put(v.getJobVertexId(), v.getName().replace(',', ' '));
        }
        StringBuilder lines =
                new StringBuilder(
                        "checkpoint,triggered_at_ms,task,start_delay_ms,alignment_ms,sync_ms,"
                                + "async_ms,persisted_bytes\n");
        for (AbstractCheckpointStats c : completed(graph)) {
            for (TaskStateStats t : c.getAllTaskStateStats()) {
                TaskStateStats.TaskStateStatsSummary s = t.getSummaryStats();
                lines.append(c.getCheckpointId()).append(',').append(c.getTriggerTimestamp());
                lines.append(',').append(names.getOrDefault(t.getJobVertexId(), "?"));
                lines.append(',').append(s.getCheckpointStartDelayStats().getMaximum());
                lines.append(',').append(s.getAlignmentDurationStats().getMaximum());
                lines.append(',').append(s.getSyncCheckpointDurationStats().getMaximum());
                lines.append(',').append(s.getAsyncCheckpointDurationStats().getMaximum());
                lines.append(',').append(s.getPersistedDataStats().getMaximum()).append('\n');
            }
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

    /** Duration at quantile {@code q} (nearest rank); 0 without checkpoints. */
    long percentile(double q) {
        List<Long> sorted = new ArrayList<>(durationsMillis);
        sorted.sort(Long::compare);
        return sorted.isEmpty() ? 0 : Percentiles.nearestRank(sorted, q);
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
