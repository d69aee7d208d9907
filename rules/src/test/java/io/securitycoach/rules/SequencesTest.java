package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Sequences#complete} on its own: steps in strictly increasing event time, the whole chain
 * within the window (inclusive), the earliest match for each next step, and only the chain's
 * entries consumed.
 */
class SequencesTest {
    private static RuleProgress entries(Object... timeUidStep) {
        RuleProgress p = new RuleProgress();
        for (int i = 0; i < timeUidStep.length; i += 3) {
            p.add(
                    (Long) timeUidStep[i],
                    (String) timeUidStep[i + 1],
                    null,
                    (Integer) timeUidStep[i + 2]);
        }
        return p;
    }

    @Test
    void stepsInOrderWithinTheWindowComplete() {
        RuleProgress p = entries(0L, "a", 0, 5L, "b", 1, 10L, "c", 2);
        assertThat(Sequences.complete(p, 3, 10)).containsExactly("a", "b", "c");
        assertThat(p.size()).isZero();
    }

    @Test
    void aChainLongerThanTheWindowDoesNotComplete() {
        assertThat(Sequences.complete(entries(0L, "a", 0, 5L, "b", 1, 10L, "c", 2), 3, 9)).isNull();
    }

    @Test
    void aStepAtTheSameTimeAsThePreviousDoesNotFollowIt() {
        assertThat(Sequences.complete(entries(0L, "a", 0, 0L, "b", 1), 2, 10)).isNull();
        assertThat(Sequences.complete(entries(0L, "a", 0, 1L, "b", 1), 2, 10))
                .containsExactly("a", "b");
    }

    @Test
    void stepsOutOfOrderDoNotCount() {
        RuleProgress p = entries(0L, "second", 1, 1L, "first", 0);
        assertThat(Sequences.complete(p, 2, 10)).isNull();
        assertThat(p.size()).as("kept: a later second step may still come").isEqualTo(2);
        p.add(2, "second-again", null, 1);
        assertThat(Sequences.complete(p, 2, 10)).containsExactly("first", "second-again");
        assertThat(p.uids).containsExactly("second");
    }

    @Test
    void eachNextStepIsItsEarliestMatchAndTheRestIsKept() {
        RuleProgress p = entries(0L, "a", 0, 1L, "b1", 1, 2L, "b2", 1, 3L, "c", 2);
        assertThat(Sequences.complete(p, 3, 10)).containsExactly("a", "b1", "c");
        assertThat(p.uids).containsExactly("b2");
    }

    @Test
    void aLaterFirstStepIsTriedWhenTheEarliestChainIsTooLong() {
        RuleProgress p = entries(0L, "old", 0, 20L, "fresh", 0, 21L, "b", 1, 22L, "c", 2);
        assertThat(Sequences.complete(p, 3, 5)).containsExactly("fresh", "b", "c");
        assertThat(p.uids).containsExactly("old");
    }

    @Test
    void aSingleStepSequenceCompletesAtItsFirstStep() {
        RuleProgress p = entries(3L, "only", 0, 4L, "other", 0);
        assertThat(Sequences.complete(p, 1, 0)).containsExactly("only");
        assertThat(p.uids).containsExactly("other");
    }
}
