package io.securitycoach.bench.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a list of milliseconds. */
final class Percentiles {
    final int count;
    final long p50;
    final long p99;
    final long p999;
    final long max;

    private Percentiles(int count, long p50, long p99, long p999, long max) {
        this.count = count;
        this.p50 = p50;
        this.p99 = p99;
        this.p999 = p999;
        this.max = max;
    }

    static Percentiles of(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                sorted.size(),
                rank(sorted, 0.5),
                rank(sorted, 0.99),
                rank(sorted, 0.999),
                sorted.get(sorted.size() - 1));
    }

    static long rank(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
