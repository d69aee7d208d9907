package io.securitycoach.rules;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one rule remembers about one user: when it last fired (suppression) and, for thresholds and
 * sequences, the recent matching events (time, uid, distinct value or step). Kept sorted by time
 * and bounded by {@link RuleEngine#MAX_ENTRIES}; a Flink POJO (parallel arrays) so it is keyed
 * state.
 */
public class RuleProgress {
    /** The rule version this progress was built under; another version starts afresh. */
    public long ruleVersion;

    public long lastFired = Long.MIN_VALUE;
    public long[] times = new long[0];
    public String[] uids = new String[0];

    /**
     * Distinct-count values as hashes ({@link ProgressEntries#distinctHash}), or null entries.
     * State written before the hashes (the field was added since) holds the values themselves:
     * false.
     */
    public String[] values = new String[0];

    /** Whether {@link #values} are hashes; progress restored from earlier layouts says false. */
    public boolean valuesHashed;

    /** Sequence step of each entry, or 0. */
    public int[] steps = new int[0];

    /** After this event time nothing here matters any more. */
    public long expiresAt;

    /**
     * When (processing time) the job may drop it: the remaining event-time span counted on the wall
     * clock from the last update. A replay running through days of events in minutes keeps it, a
     * live stream drops it soon after it expires.
     */
    public long cleanupAt;

    public RuleProgress() {}

    public int size() {
        return times.length;
    }

    /** Inserts an entry keeping time order. */
    void add(long time, String uid, String value, int step) {
        int at = times.length;
        while (at > 0 && times[at - 1] > time) {
            at--;
        }
        times = insert(times, at, time);
        uids = insert(uids, at, uid);
        values = insert(values, at, value);
        int[] s = new int[steps.length + 1];
        System.arraycopy(steps, 0, s, 0, at);
        s[at] = step;
        System.arraycopy(steps, at, s, at + 1, steps.length - at);
        steps = s;
    }

    /** Keeps only the entries whose index is set in {@code keep}. */
    void retain(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            if (k) n++;
        }
        long[] t = new long[n];
        String[] u = new String[n];
        String[] v = new String[n];
        int[] s = new int[n];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                t[j] = times[i];
                u[j] = uids[i];
                v[j] = values[i];
                s[j] = steps[i];
                j++;
            }
        }
        times = t;
        uids = u;
        values = v;
        steps = s;
    }

    void clearEntries() {
        times = new long[0];
        uids = new String[0];
        values = new String[0];
        steps = new int[0];
    }

    private static long[] insert(long[] a, int at, long x) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = x;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    private static String[] insert(String[] a, int at, String x) {
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = x;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RuleProgress)) return false;
        RuleProgress p = (RuleProgress) o;
        return ruleVersion == p.ruleVersion
                && valuesHashed == p.valuesHashed
                && lastFired == p.lastFired
                && expiresAt == p.expiresAt
                && cleanupAt == p.cleanupAt
                && Arrays.equals(times, p.times)
                && Arrays.equals(uids, p.uids)
                && Arrays.equals(values, p.values)
                && Arrays.equals(steps, p.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleVersion, lastFired, expiresAt);
    }
}
