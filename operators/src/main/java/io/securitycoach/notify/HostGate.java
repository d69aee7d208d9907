package io.securitycoach.notify;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-destination-host fairness and protection: at most {@code maxInFlight} requests to one host at
 * a time (the rest queue for that host only), and a circuit breaker that stops calling a host after
 * {@code failuresToOpen} consecutive failures for {@code openMillis}. One slow or dead destination
 * therefore stalls only its own notifications, never other orgs'.
 */
public final class HostGate {
    private final int maxInFlight;
    private final int failuresToOpen;
    private final long openMillis;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        int inFlight;
        int consecutiveFailures;
        long openUntil;
        final Queue<Runnable> waiting = new ArrayDeque<>();
    }

    public HostGate(int maxInFlight, int failuresToOpen, long openMillis) {
        this.maxInFlight = maxInFlight;
        this.failuresToOpen = failuresToOpen;
        this.openMillis = openMillis;
    }

    /** Until when the host's circuit is open (0 when closed). */
    public long openUntil(String host) {
        Host h = hosts.get(host);
        if (h == null) {
            return 0;
        }
        synchronized (h) {
            return h.openUntil > System.currentTimeMillis() ? h.openUntil : 0;
        }
    }

    /**
     * Opens the host's circuit now until {@code millis} from now (a receiver that asks for a long
     * Retry-After is treated as down for that long), unless it is open longer already.
     */
    public void openFor(String host, long millis) {
        Host h = hosts.computeIfAbsent(host, k -> new Host());
        synchronized (h) {
            h.openUntil = Math.max(h.openUntil, System.currentTimeMillis() + millis);
        }
    }

    /** Runs {@code call} now if the host has room, else when a request to it finishes. */
    public void submit(String host, Runnable call) {
        Host h = hosts.computeIfAbsent(host, k -> new Host());
        synchronized (h) {
            if (h.inFlight >= maxInFlight) {
                h.waiting.add(call);
                return;
            }
            h.inFlight++;
        }
        call.run();
    }

    /**
     * Records the outcome of a call started by {@link #submit} and lets the next queued one run.
     */
    public void done(String host, boolean failure) {
        Host h = hosts.get(host);
        Runnable next;
        synchronized (h) {
            if (failure) {
                if (++h.consecutiveFailures >= failuresToOpen) {
                    h.openUntil = System.currentTimeMillis() + openMillis;
                }
            } else {
                h.consecutiveFailures = 0;
                h.openUntil = 0;
            }
            next = h.waiting.poll();
            if (next == null) {
                h.inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
