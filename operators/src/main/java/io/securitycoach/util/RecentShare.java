package io.securitycoach.util;

import java.util.Arrays;

/**
 * The share of bad outcomes among the last few minutes of outcomes, in one-minute buckets on the
 * wall clock: what a gauge reports so that an alarm reads one series (a percentage) instead of a
 * ratio of counters. Below {@link #minimumTotal} outcomes the share reads 0, so a few stray records
 * on a quiet feed do not page anyone. Not state: a restarted task starts from an empty window.
 */
public final class RecentShare {
    static final long BUCKET_MILLIS = 60_000;

    private final long[] bucketIds;
    private final long[] totals;
    private final long[] bad;
    private final long minimumTotal;

    public RecentShare(int minutes, long minimumTotal) {
        this.bucketIds = new long[minutes];
        this.totals = new long[minutes];
        this.bad = new long[minutes];
        this.minimumTotal = minimumTotal;
        Arrays.fill(bucketIds, -1);
    }

    public void add(long nowMillis, boolean isBad) {
        add(nowMillis, isBad, 1);
    }

    /** {@code count} outcomes at once, all bad or all good. */
    public void add(long nowMillis, boolean isBad, int count) {
        long bucket = nowMillis / BUCKET_MILLIS;
        int slot = (int) Math.floorMod(bucket, (long) bucketIds.length);
        if (bucketIds[slot] != bucket) {
            bucketIds[slot] = bucket;
            totals[slot] = 0;
            bad[slot] = 0;
        }
        totals[slot] += count;
        if (isBad) {
            bad[slot] += count;
        }
    }

    /** Percent of bad outcomes in the window ending now, or 0 below the minimum volume. */
    public double percent(long nowMillis) {
        long current = nowMillis / BUCKET_MILLIS;
        long total = 0;
        long badTotal = 0;
        for (int i = 0; i < bucketIds.length; i++) {
            if (bucketIds[i] > current - bucketIds.length && bucketIds[i] <= current) {
                total += totals[i];
                badTotal += bad[i];
            }
        }
        return total < minimumTotal ? 0.0 : 100.0 * badTotal / total;
    }
}
