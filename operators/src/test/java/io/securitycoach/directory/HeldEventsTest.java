package io.securitycoach.directory;

import static io.securitycoach.testing.EventBuilder.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.junit.jupiter.api.Test;

class HeldEventsTest {
    private static final long GRACE = 600_000;

    private final RecordingListState state = new RecordingListState();
    private final HeldEvents held = new HeldEvents(state, GRACE);
    private final List<SecurityEvent> released = new ArrayList<>();

    /** Every directory update releases; with nothing held, RocksDB must not get a tombstone. */
    @Test
    void releasingWithNothingHeldWritesNothing() throws Exception {
        held.releaseAll(released::add);
        held.releaseExpired(Long.MAX_VALUE, released::add);

        assertThat(released).isEmpty();
        assertThat(state.writes).isZero();
    }

    @Test
    void releasingAllGivesEveryHeldEventInOrderAndClears() throws Exception {
        SecurityEvent first = web("org-a", "e-1", "ada@example.com", 1_000, "Gambling");
        SecurityEvent second = web("org-a", "e-2", "ada@example.com", 2_000, "News");
        state.events.add(first);
        state.events.add(second);

        held.releaseAll(released::add);

        assertThat(released).containsExactly(first, second);
        assertThat(state.events).isEmpty();
        assertThat(state.writes).isEqualTo(1);
    }

    @Test
    void releasingExpiredKeepsTheRest() throws Exception {
        SecurityEvent old = web("org-a", "e-1", "ada@example.com", 1_000, "Gambling");
        SecurityEvent recent = web("org-a", "e-2", "ada@example.com", 900_000, "News");
        state.events.add(old);
        state.events.add(recent);

        held.releaseExpired(1_000 + GRACE, released::add);

        assertThat(released).containsExactly(old);
        assertThat(state.events).containsExactly(recent);
    }

    /** A list state as Flink's user-facing one behaves: an absent list reads as an empty one. */
    private static final class RecordingListState implements ListState<SecurityEvent> {
        final List<SecurityEvent> events = new ArrayList<>();
        int writes;

        @Override
        public Iterable<SecurityEvent> get() {
            return events.isEmpty() ? Collections.emptyList() : new ArrayList<>(events);
        }

        @Override
        public void add(SecurityEvent value) {
            writes++;
            events.add(value);
        }

        @Override
        public void update(List<SecurityEvent> values) {
            writes++;
            events.clear();
            events.addAll(values);
        }

        @Override
        public void addAll(List<SecurityEvent> values) {
            writes++;
            events.addAll(values);
        }

        @Override
        public void clear() {
            writes++;
            events.clear();
        }
    }
}
