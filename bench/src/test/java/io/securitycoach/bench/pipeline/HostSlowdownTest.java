package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostSlowdownTest {
    @Test
    void ratiosArePercentilesOverTheIdleTime() {
        long[] nanos = {100, 110, 120, 130, 140, 150, 160, 170, 180, 430};

        double[] r = HostSlowdown.ratios(nanos, 100);

        assertThat(r).containsExactly(1.4, 1.8, 4.3);
    }

    @Test
    void noSamplesOrNoCalibrationGiveNothing() {
        assertThat(HostSlowdown.ratios(new long[0], 100)).isNull();
        assertThat(HostSlowdown.ratios(new long[] {100}, 0)).isNull();
    }
}
