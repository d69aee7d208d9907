package io.securitycoach.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RecentShareTest {
    private static final long MINUTE = 60_000;

    @Test
    void theShareOfBadOutcomesOverTheWindow() {
        RecentShare share = new RecentShare(10, 20);
        for (int i = 0; i < 100; i++) {
            share.add(5 * MINUTE + i, i % 10 == 0);
        }
        assertThat(share.percent(5 * MINUTE)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void belowTheMinimumVolumeItReadsZero() {
        RecentShare share = new RecentShare(10, 20);
        for (int i = 0; i < 19; i++) {
            share.add(0, true);
        }
        assertThat(share.percent(0)).isZero();
        share.add(0, true);
        assertThat(share.percent(0)).isEqualTo(100.0);
    }

    @Test
    void outcomesAgeOutOfTheWindow() {
        RecentShare share = new RecentShare(10, 1);
        share.add(0, true);
        share.add(9 * MINUTE, false);
        assertThat(share.percent(9 * MINUTE)).isEqualTo(50.0);
        assertThat(share.percent(10 * MINUTE)).as("the first minute left the window").isZero();
        share.add(25 * MINUTE, false);
        assertThat(share.percent(25 * MINUTE)).isZero();
    }
}
