package io.securitycoach.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of measurements (latencies, durations): the one definition we use. */
public final class Percentiles {
    public final int count;
    public final long p50;
    public final long p99;
    public final long p999;
    public final long max;

    private Percentiles(int count, long p50, long p99, long p999, long max) {
        this.count = count;
        this.p50 = p50;
        this.p99 = p99;
        this.p999 = p999;
        this.max = max;
    }

    /** p50, p99, p99.9 and max of {@code values}; all 0 when there are none. */
    public static Percentiles of(Collection<Long> values) {
        List<Long> sorted = sorted(values);
        if (sorted.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                sorted.size(),
                nearestRank(sorted, 0.5),
                nearestRank(sorted, 0.99),
                nearestRank(sorted, 0.999),
                nearestRank(sorted, 1.0));
    }

    /** The value at quantile {@code q} (0 to 1) of non-empty, sorted values, by nearest rank. */
    public static <T> T nearestRank(List<T> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public static <T extends Comparable<? super T>> List<T> sorted(Collection<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted;
    }
}
