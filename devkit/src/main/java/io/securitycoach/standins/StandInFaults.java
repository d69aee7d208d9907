package io.securitycoach.standins;

import java.util.ArrayDeque;
import java.util.Deque;

/** What the next requests to a stand-in suffer, in order: failing answers or slow pages. */
public final class StandInFaults {
    static final class Fault {
        final int status;
        final long slowMillis;

        Fault(int status, long slowMillis) {
            this.status = status;
            this.slowMillis = slowMillis;
        }
    }

    private final Deque<Fault> script = new ArrayDeque<>();
    private int played;

    /** The next {@code count} data requests answer {@code status} (429 with Retry-After: 1). */
    public synchronized StandInFaults burst(int status, int count) {
        for (int i = 0; i < count; i++) {
            script.add(new Fault(status, 0));
        }
        return this;
    }

    /** The next {@code count} data requests are answered after {@code millis}. */
    public synchronized StandInFaults slow(int count, long millis) {
        for (int i = 0; i < count; i++) {
            script.add(new Fault(0, millis));
        }
        return this;
    }

    synchronized Fault next() {
        Fault f = script.poll();
        if (f != null) {
            played++;
        }
        return f;
    }

    /** How many scripted faults were played. */
    public synchronized int played() {
        return played;
    }

    public synchronized boolean done() {
        return script.isEmpty();
    }
}
