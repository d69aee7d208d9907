package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointLatenciesTest {
    @Test
    void aNotificationCountsAsDuringACheckpointWhenItsWindowOverlapsOne() {
        List<long[]> checkpoints = List.of(new long[] {1_000, 1_300}, new long[] {5_000, 5_100});
        List<long[]> notifications =
                List.of(
                        new long[] {1_100, 50}, // 1,050..1,100: inside the first
                        new long[] {1_020, 40}, // 980..1,020: across its trigger
                        new long[] {5_300, 250}, // 5,050..5,300: across the second's end
                        new long[] {3_000, 20}, // between them
                        new long[] {6_000, 30}); // after both
        CheckpointLatencies s = CheckpointLatencies.split(notifications, checkpoints);
        assertThat(s.during.count).isEqualTo(3);
        assertThat(s.during.p99).isEqualTo(250);
        assertThat(s.outside.count).isEqualTo(2);
        assertThat(s.outside.p99).isEqualTo(30);
    }
}
