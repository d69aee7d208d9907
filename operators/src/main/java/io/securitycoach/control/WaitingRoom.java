package io.securitycoach.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Input held until the control snapshot is complete, bounded so one task cannot fill its memory.
 */
public final class WaitingRoom<E> {
    private final int capacity;
    private List<E> waiting = new ArrayList<>();

    public WaitingRoom(int capacity) {
        this.capacity = capacity;
    }

    /** Holds {@code e} if there is room; false when full (the caller handles it at once). */
    public boolean offer(E e) {
        if (waiting.size() >= capacity) {
            return false;
        }
        waiting.add(e);
        return true;
    }

    /** What waited, in arrival order; the room is empty after. */
    public List<E> release() {
        List<E> released = waiting;
        waiting = new ArrayList<>();
        return released;
    }

    /** What waits now (for a checkpoint). */
    public List<E> contents() {
        return new ArrayList<>(waiting);
    }
}
