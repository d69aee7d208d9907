package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Thresholds#reached} on its own: the window is (t_end - window, t_end], the first window
 * that reaches the count wins, and firing consumes every entry; distinct counts count each value
 * once and report the latest event of each.
 */
class ThresholdsTest {
    private static RuleProgress entries(Object... timeUidValue) {
        RuleProgress p = new RuleProgress();
        for (int i = 0; i < timeUidValue.length; i += 3) {
            p.add(
                    (Long) timeUidValue[i],
                    (String) timeUidValue[i + 1],
                    (String) timeUidValue[i + 2],
                    0);
        }
        return p;
    }

    @Test
    void anEntryExactlyOneWindowBeforeTheLastIsOutsideIt() {
        assertThat(Thresholds.reached(entries(0L, "a", null, 10L, "b", null), 2, 10, false))
                .isNull();
        assertThat(Thresholds.reached(entries(1L, "a", null, 10L, "b", null), 2, 10, false))
                .containsExactly("a", "b");
    }

    @Test
    void notReachedLeavesEveryEntryForLater() {
        RuleProgress p = entries(0L, "a", null, 100L, "b", null, 200L, "c", null);
        assertThat(Thresholds.reached(p, 2, 50, false)).isNull();
        assertThat(p.uids).containsExactly("a", "b", "c");
    }

    @Test
    void aLaterWindowCanReachTheCountWhenEarlierOnesDoNot() {
        RuleProgress p = entries(0L, "a", null, 20L, "b", null, 25L, "c", null, 28L, "d", null);
        assertThat(Thresholds.reached(p, 3, 10, false)).containsExactly("b", "c", "d");
    }

    @Test
    void theFirstWindowReachingTheCountFiresAndEveryEntryIsConsumed() {
        RuleProgress p = entries(0L, "a", null, 1L, "b", null, 2L, "c", null, 3L, "d", null);
        assertThat(Thresholds.reached(p, 2, 100, false)).containsExactly("a", "b");
        assertThat(p.size()).as("c and d are consumed too: the count starts afresh").isZero();
    }

    @Test
    void eventsArriveInAnyOrderAndAreReportedInTimeOrder() {
        RuleProgress p = entries(9L, "late", null, 0L, "early", null, 5L, "middle", null);
        assertThat(Thresholds.reached(p, 3, 10, false)).containsExactly("early", "middle", "late");
    }

    @Test
    void distinctCountsEachValueOnceAndReportsItsLatestEvent() {
        RuleProgress p = entries(0L, "a", "1.1.1.1", 1L, "b", "1.1.1.1", 2L, "c", "2.2.2.2");
        assertThat(Thresholds.reached(p, 2, 10, true)).containsExactly("b", "c");
        assertThat(p.size()).isZero();
    }

    @Test
    void manyEventsOfOneValueDoNotReachADistinctCount() {
        RuleProgress p = entries(0L, "a", "x", 1L, "b", "x", 2L, "c", "x");
        assertThat(Thresholds.reached(p, 2, 10, true)).isNull();
        assertThat(Thresholds.reached(p, 3, 10, false))
                .as("the same events as a plain count")
                .containsExactly("a", "b", "c");
    }

    @Test
    void distinctValuesMustFallInOneWindow() {
        RuleProgress p = entries(0L, "a", "x", 10L, "b", "y", 20L, "c", "x");
        assertThat(Thresholds.reached(p, 2, 10, true))
                .as("x and y, but never both within 10")
                .isNull();
        assertThat(p.size()).isEqualTo(3);
        p.add(25, "d", "y", 0);
        assertThat(Thresholds.reached(p, 2, 10, true)).containsExactly("c", "d");
    }
}
