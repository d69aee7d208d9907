package io.securitycoach.normalize;

import java.util.Arrays;

/**
 * A feed's records, bad records and events with an unknown verdict in a ring of time buckets, and
 * whether it was last reported unhealthy or short of verdicts.
 */
public class FeedWindow {
    /** The bucket number (time / bucket length) each slot holds. */
    public long[] bucketIds = new long[0];

    public long[] totals = new long[0];
    public long[] bad = new long[0];
    public boolean unhealthy;
    public String lastReason;

    /** Whether the feed has sent a record since its state began. */
    public boolean sent;

    /** Wall-clock time of the feed's latest record (when {@link #sent}). */
    public long lastRecordMillis;

    /** Whether the feed was last reported silent. */
    public boolean silent;

    /** Events with an unknown verdict per slot; empty in state written before it existed. */
    public long[] unknown = new long[0];

    public boolean manyUnknown;

    public FeedWindow() {}

    static FeedWindow empty(int buckets) {
        FeedWindow w = new FeedWindow();
        w.bucketIds = new long[buckets];
        w.totals = new long[buckets];
        w.bad = new long[buckets];
        w.unknown = new long[buckets];
        Arrays.fill(w.bucketIds, -1);
        return w;
    }

    void add(long bucket, long records, long badRecords, long unknownVerdicts) {
        if (unknown.length != bucketIds.length) {
            unknown = new long[bucketIds.length]; // a window restored from an older savepoint
        }
        int slot = (int) Math.floorMod(bucket, (long) bucketIds.length);
        if (bucketIds[slot] != bucket) {
            bucketIds[slot] = bucket;
            totals[slot] = 0;
            bad[slot] = 0;
            unknown[slot] = 0;
        }
        totals[slot] += records;
        bad[slot] += badRecords;
        unknown[slot] += unknownVerdicts;
    }

    long total(long current) {
        return sum(totals, current);
    }

    long bad(long current) {
        return sum(bad, current);
    }

    long unknown(long current) {
        return unknown.length == bucketIds.length ? sum(unknown, current) : 0;
    }

    /** Over the buckets still inside the window that ends with {@code current}. */
    private long sum(long[] values, long current) {
        long sum = 0;
        for (int i = 0; i < bucketIds.length; i++) {
            if (bucketIds[i] > current - bucketIds.length && bucketIds[i] <= current) {
                sum += values[i];
            }
        }
        return sum;
    }
}
