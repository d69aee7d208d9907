package io.securitycoach.soak;

import java.util.Arrays;

/** A growable multiset of longs, compared with another after sorting (record fingerprints). */
final class LongBag {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long[] sorted() {
        long[] out = Arrays.copyOf(values, size);
        Arrays.sort(out);
        return out;
    }

    /**
     * What {@code this} holds more often than {@code other}: each surplus occurrence once (both
     * sorted).
     */
    static LongBag surplus(long[] mine, long[] other) {
        LongBag out = new LongBag();
        int i = 0;
        int j = 0;
        while (i < mine.length) {
            if (j >= other.length || mine[i] < other[j]) {
                out.add(mine[i++]);
            } else if (mine[i] > other[j]) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return out;
    }
}
