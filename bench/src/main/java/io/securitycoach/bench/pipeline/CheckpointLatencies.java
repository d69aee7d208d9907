package io.securitycoach.bench.pipeline;

import io.securitycoach.util.Percentiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Notification latencies split by whether a checkpoint ran while the notification was on its way:
 * its window (from its last event leaving the source to the receiver's answer) overlaps a completed
 * checkpoint's (from trigger to completion), or not.
 */
final class CheckpointLatencies {
    Percentiles during = Percentiles.of(List.of());
    Percentiles outside = Percentiles.of(List.of());

    /**
     * {@code notifications}: pairs of answer time and latency (ms); {@code checkpoints}: pairs of
     * trigger and completion time (ms).
     */
    static CheckpointLatencies split(List<long[]> notifications, List<long[]> checkpoints) {
        List<Long> during = new ArrayList<>();
        List<Long> outside = new ArrayList<>();
        for (long[] n : notifications) {
            long answered = n[0];
            long latency = n[1];
            (overlaps(answered - latency, answered, checkpoints) ? during : outside).add(latency);
        }
        CheckpointLatencies s = new CheckpointLatencies();
        s.during = Percentiles.of(during);
        s.outside = Percentiles.of(outside);
        return s;
    }

    private static boolean overlaps(long from, long to, List<long[]> checkpoints) {
        for (long[] c : checkpoints) {
            if (from <= c[1] && c[0] <= to) {
                return true;
            }
        }
        return false;
    }
}
