package io.securitycoach.util;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * One {@link RecentShare} gauge per value of a label (a vendor, a channel), registered on first
 * sight: e.g. {@code deadLetterPercent} by vendor. The label values are the code's own names or
 * validated vendor names, so the set is bounded.
 */
public final class ShareGauges {
    /** Minutes in the window and outcomes below which the share reads 0. */
    public static final int MINUTES = 10;

    public static final long MINIMUM_TOTAL = 20;

    private final MetricGroup group;
    private final String name;
    private final String label;
    private final LongSupplier clock;
    private final Map<String, RecentShare> shares = new HashMap<>();

    public ShareGauges(MetricGroup group, String name, String label, LongSupplier clock) {
        this.group = group;
        this.name = name;
        this.label = label;
        this.clock = clock;
    }

    public void add(String value, boolean isBad) {
        add(value, isBad, 1);
    }

    /** {@code count} outcomes of one value at once. */
    public void add(String value, boolean isBad, int count) {
        String v = value == null ? "none" : value;
        shares.computeIfAbsent(v, this::register).add(clock.getAsLong(), isBad, count);
    }

    private RecentShare register(String value) {
        RecentShare share = new RecentShare(MINUTES, MINIMUM_TOTAL);
        group.addGroup(label, value)
                .gauge(name, (Gauge<Double>) () -> share.percent(clock.getAsLong()));
        return share;
    }
}
