package io.securitycoach.util;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One Flink counter per combination of label values (e.g. org, channel, status), registered on
 * first use as key/value groups, which Prometheus shows as labels and CloudWatch as dimensions.
 * Label values come from validated records (org ids, channel and status names), so the set is
 * bounded by the tenants and the code's own names.
 */
public final class LabelledCounters {
    private final MetricGroup group;
    private final String name;
    private final String[] labels;
    private final Map<String, Counter> counters = new HashMap<>();

    public LabelledCounters(MetricGroup group, String name, String... labels) {
        this.group = group;
        this.name = name;
        this.labels = labels.clone();
    }

    public void inc(String... values) {
        counters.computeIfAbsent(String.join("\u0000", values), k -> register(values)).inc();
    }

    private Counter register(String[] values) {
        MetricGroup g = group;
        for (int i = 0; i < labels.length; i++) {
            g = g.addGroup(labels[i], values[i] == null ? "none" : values[i]);
        }
        return g.counter(name);
    }
}
