package io.securitycoach.integrations;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where an integration's fetching stands, in keyed state and therefore in every checkpoint: it is
 * changed in the same timer callback that emits the records it covers, so a restore resumes exactly
 * after the last record the checkpoint holds (a Flink POJO).
 */
public class IntegrationCursor {
    /**
     * The vendor's own cursor: a next link, an iterator index, an offset; null before the first.
     */
    public String next;

    /** The lower time bound of a query that has no vendor cursor (epoch ms). */
    public long since;

    /** The newest event time seen (epoch ms): where a lost vendor cursor restarts, with overlap. */
    public long newestEventTime;

    public long pages;
    public long events;

    /**
     * Ids of the last records emitted: repeats of an inclusive or overlapping query are dropped.
     */
    public String[] recentIds = new String[0];

    /** When a poll last reached the end of what the vendor had (epoch ms; 0 = never). */
    public long caughtUpAt;

    public long lastPollAt;

    /** Consecutive failed polls, for the backoff and the health. */
    public int failures;

    /** The latest health reported (see {@link IntegrationHealth}). */
    public String health;

    public IntegrationCursor() {}

    /** A fresh cursor for a first fetch from {@code since}. */
    public static IntegrationCursor startingAt(long since) {
        IntegrationCursor c = new IntegrationCursor();
        c.since = since;
        c.health = IntegrationHealth.NEW;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof IntegrationCursor)) return false;
        IntegrationCursor c = (IntegrationCursor) o;
        return since == c.since
                && newestEventTime == c.newestEventTime
                && pages == c.pages
                && events == c.events
                && caughtUpAt == c.caughtUpAt
                && lastPollAt == c.lastPollAt
                && failures == c.failures
                && Objects.equals(next, c.next)
                && Arrays.equals(recentIds, c.recentIds)
                && Objects.equals(health, c.health);
    }

    @Override
    public int hashCode() {
        return Objects.hash(next, since, pages);
    }
}
