package io.securitycoach.directory;

import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;

/**
 * Events of one key waiting for the directory to catch up, each until its event time plus the grace
 * period has passed the watermark. Every held event leaves through {@link #releaseAll} or {@link
 * #releaseExpired}; the state is cleared when the last one leaves.
 */
final class HeldEvents {
    static ListStateDescriptor<SecurityEvent> descriptor(String name) {
        return new ListStateDescriptor<>(name, TypeInformation.of(SecurityEvent.class));
    }

    private final ListState<SecurityEvent> state;
    private final long graceMillis;

    HeldEvents(ListState<SecurityEvent> state, long graceMillis) {
        this.state = state;
        this.graceMillis = graceMillis;
    }

    /**
     * Whether the directory has had its grace period for this event already (nothing to wait for).
     */
    boolean expired(SecurityEvent event, TimerService timers) {
        return deadline(event) <= timers.currentWatermark();
    }

    void hold(SecurityEvent event, TimerService timers) throws Exception {
        state.add(event);
        timers.registerEventTimeTimer(deadline(event));
    }

    /**
     * Releases every held event. With nothing held the state is left alone: Flink gives an absent
     * list as an empty one, and clearing it anyway wrote a RocksDB tombstone for every directory
     * update (millions on a directory's first load, each compacted later).
     */
    void releaseAll(Consumer<SecurityEvent> release) throws Exception {
        Iterable<SecurityEvent> held = state.get();
        if (isEmpty(held)) {
            return;
        }
        for (SecurityEvent e : held) {
            release.accept(e);
        }
        state.clear();
    }

    void releaseExpired(long watermark, Consumer<SecurityEvent> release) throws Exception {
        Iterable<SecurityEvent> held = state.get();
        if (isEmpty(held)) {
            return; // released by a directory update before its timer fired
        }
        List<SecurityEvent> keep = new ArrayList<>();
        for (SecurityEvent e : held) {
            if (deadline(e) <= watermark) {
                release.accept(e);
            } else {
                keep.add(e);
            }
        }
        if (keep.isEmpty()) {
            state.clear();
        } else {
            state.update(keep);
        }
    }

    private static boolean isEmpty(Iterable<SecurityEvent> held) {
        return held == null || !held.iterator().hasNext();
    }

    private long deadline(SecurityEvent e) {
        long d = e.eventTime + graceMillis;
        return d < e.eventTime ? Long.MAX_VALUE : d;
    }
}
