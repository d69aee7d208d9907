package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotReadinessTest {
    /** The stored flag, counting reads: a ready task stops reading it. */
    static final class Flag implements SnapshotReadiness.Flag {
        boolean set;
        int reads;

        @Override
        public boolean isSet() {
            reads++;
            return set;
        }

        @Override
        public void set() {
            set = true;
        }
    }

    @Test
    void aTaskIsReadyOnceTheSnapshotCompletesAndSaysSoOnlyTheFirstTime() throws Exception {
        Flag flag = new Flag();
        SnapshotReadiness readiness = new SnapshotReadiness();
        assertThat(readiness.isReady(flag)).isFalse();
        assertThat(readiness.knownReady()).isFalse();
        assertThat(readiness.complete(flag)).as("what waited may go").isTrue();
        assertThat(readiness.complete(flag)).as("a second end changes nothing").isFalse();
        int reads = flag.reads;
        assertThat(readiness.isReady(flag)).isTrue();
        assertThat(flag.reads).as("cached").isEqualTo(reads);
        assertThat(readiness.knownReady()).isTrue();
    }

    @Test
    void aRestoredTaskReadsTheFlagItsStateKept() throws Exception {
        Flag flag = new Flag();
        flag.set = true;
        assertThat(new SnapshotReadiness().isReady(flag)).isTrue();
    }

    @Test
    void theWaitingRoomIsBoundedAndReleasesInArrivalOrder() {
        WaitingRoom<String> room = new WaitingRoom<>(2);
        assertThat(room.offer("a")).isTrue();
        assertThat(room.offer("b")).isTrue();
        assertThat(room.offer("c")).as("full: handled at once").isFalse();
        assertThat(room.contents()).containsExactly("a", "b");
        assertThat(room.release()).containsExactly("a", "b");
        assertThat(room.release()).isEmpty();
    }
}
