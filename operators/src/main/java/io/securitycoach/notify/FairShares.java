package io.securitycoach.notify;

import io.securitycoach.records.Notification;
import io.securitycoach.util.Keys;
import java.util.HashMap;
import java.util.Map;

/**
 * Each org's and each destination's share of one notify task's async slots. A notification whose
 * org (or destination) already holds its share does not take a slot: it is parked (see {@link
 * Notifier}) and waits in keyed state, so one org's slow or throttling destination can hold at most
 * its share of the slots while every other org keeps the rest.
 */
final class FairShares {
    static final String ORG_SHARE = "org_share_in_use";
    static final String DESTINATION_SHARE = "destination_share_in_use";

    private final int orgSlots;
    private final int destinationSlots;
    private final Map<String, Integer> byOrg = new HashMap<>();
    private final Map<String, Integer> byDestination = new HashMap<>();

    FairShares(int orgSlots, int destinationSlots) {
        this.orgSlots = Math.max(1, orgSlots);
        this.destinationSlots = Math.max(1, destinationSlots);
    }

    /** The slots one org may hold out of {@code capacity}, at least one. */
    static int orgSlots(int capacity, int percent) {
        return Math.max(1, capacity * percent / 100);
    }

    /** Takes a slot for {@code n}; null when taken, else why not (org or destination at share). */
    synchronized String acquire(Notification n) {
        String destination = Keys.destination(n);
        if (byOrg.getOrDefault(n.orgId, 0) >= orgSlots) {
            return ORG_SHARE;
        }
        if (byDestination.getOrDefault(destination, 0) >= destinationSlots) {
            return DESTINATION_SHARE;
        }
        byOrg.merge(n.orgId, 1, Integer::sum);
        byDestination.merge(destination, 1, Integer::sum);
        return null;
    }

    /** Gives back the slot {@link #acquire} took. */
    synchronized void release(Notification n) {
        decrement(byOrg, n.orgId);
        decrement(byDestination, Keys.destination(n));
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
    }
}
