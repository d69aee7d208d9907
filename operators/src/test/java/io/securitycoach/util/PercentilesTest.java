package io.securitycoach.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void areNearestRank() {
        List<Long> values = new ArrayList<>();
        for (long i = 1000; i >= 1; i--) {
            values.add(i);
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.count).isEqualTo(1000);
        assertThat(p.p50).isEqualTo(500);
        assertThat(p.p99).isEqualTo(990);
        assertThat(p.p999).isEqualTo(999);
        assertThat(p.max).isEqualTo(1000);
    }

    @Test
    void aFewValuesRoundUpToTheNextRank() {
        List<Double> sorted = Percentiles.sorted(List.of(3.0, 1.0, 2.0));
        assertThat(Percentiles.nearestRank(sorted, 0.5)).isEqualTo(2.0);
        assertThat(Percentiles.nearestRank(sorted, 0.0)).isEqualTo(1.0);
        assertThat(Percentiles.nearestRank(sorted, 1.0)).isEqualTo(3.0);
    }

    @Test
    void noValuesAreAllZero() {
        Percentiles p = Percentiles.of(List.of());
        assertThat(p.count).isZero();
        assertThat(List.of(p.p50, p.p99, p.p999, p.max)).containsOnly(0L);
    }
}
