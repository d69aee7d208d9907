package io.securitycoach.util;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One Flink counter per combination of label values (e.g. org, channel, status), registered on
 * first use as key/value groups, which Prometheus shows as labels and CloudWatch as dimensions.
 * Label values come from validated records (org ids, channel and status names), so the set is
 * bounded by the tenants and the code's own names.
 *
 * <p>An {@code org} label always counts into the aggregate series ({@code org=all}), which alarms
 * read; with per-org dimensions on, the org's own series counts too. CloudWatch bills each series,
 * so per-org is a choice (docs/operations.md gives the cost per 1,000 orgs).
 */
public final class LabelledCounters {
    public static final String ORG = "org";

    private final MetricGroup group;
    private final String name;
    private final String[] labels;
    private final int orgLabel;
    private final boolean perOrg;
    private final Map<String, Counter[]> counters = new HashMap<>();

    /** By their labels' values as registered: the aggregate series is shared by every org. */
    private final Map<String, Counter> registered = new HashMap<>();

    public LabelledCounters(MetricGroup group, String name, boolean perOrg, String... labels) {
        this.group = group;
        this.name = name;
        this.labels = labels.clone();
        this.perOrg = perOrg;
        this.orgLabel = Arrays.asList(labels).indexOf(ORG);
    }

    /** The counters of the last values counted: a task counts runs of one org and feed. */
    private String[] lastValues;

    private Counter[] lastCounters;

    public void inc(String... values) {
        inc(1, values);
    }

    /** Counts {@code n} at once. */
    public void inc(long n, String... values) {
        Counter[] cs = Arrays.equals(values, lastValues) ? lastCounters : lookUp(values);
        for (Counter c : cs) {
            c.inc(n);
        }
    }

    private Counter[] lookUp(String[] values) {
        Counter[] cs =
                counters.computeIfAbsent(String.join("\u0000", values), k -> register(values));
        lastValues = values.clone();
        lastCounters = cs;
        return cs;
    }

    private Counter[] register(String[] values) {
        if (orgLabel < 0) {
            return new Counter[] {register(values, null)};
        }
        Counter aggregate = register(values, JobMetrics.ALL_ORGS);
        if (!perOrg) {
            return new Counter[] {aggregate};
        }
        return new Counter[] {aggregate, register(values, values[orgLabel])};
    }

    /** The counter for these values, the org label's replaced by {@code org} when given. */
    private Counter register(String[] values, String org) {
        String[] effective = values.clone();
        if (org != null) {
            effective[orgLabel] = org;
        }
        return registered.computeIfAbsent(
                String.join("\u0000", effective), k -> registerNew(effective));
    }

    private Counter registerNew(String[] values) {
        MetricGroup g = group;
        for (int i = 0; i < labels.length; i++) {
            g = g.addGroup(labels[i], values[i] == null ? "none" : values[i]);
        }
        return g.counter(name);
    }
}
