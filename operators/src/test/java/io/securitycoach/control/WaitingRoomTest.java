package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitingRoomTest {
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
