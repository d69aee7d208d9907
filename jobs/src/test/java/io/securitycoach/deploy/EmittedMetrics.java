package io.securitycoach.deploy;

import io.securitycoach.util.JobMetrics;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.ProxyMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * What a job run registered, seen as the two exporters see it: the CloudWatch view (a metric name
 * in the {@code kinesisanalytics} group, with its user dimensions) and the Prometheus view (the
 * name Flink's Prometheus reporter builds: {@code flink_} + logical scope + name).
 */
final class EmittedMetrics {
    private static final Pattern NOT_PROMETHEUS = Pattern.compile("[^a-zA-Z0-9:_]");
    private static final CharacterFilter PROMETHEUS_FILTER =
            s -> NOT_PROMETHEUS.matcher(s).replaceAll("_");

    /** Exported metric name -> the user dimensions it was registered with. */
    final Map<String, Set<String>> exported = new TreeMap<>();

    /** Every metric name, exported or Flink's own. */
    final Set<String> names = new TreeSet<>();

    final Set<String> prometheusNames = new TreeSet<>();

    static EmittedMetrics from(InMemoryReporter reporter) {
        EmittedMetrics m = new EmittedMetrics();
        for (Map.Entry<MetricGroup, Map<String, Metric>> e :
                reporter.getMetricsByGroup().entrySet()) {
            for (String name : e.getValue().keySet()) {
                m.add(e.getKey(), name);
            }
        }
        return m;
    }

    private void add(MetricGroup group, String name) {
        names.add(name);
        String scope = logicalScope(group);
        prometheusNames.add("flink_" + scope + "_" + PROMETHEUS_FILTER.filterCharacters(name));
        if (Arrays.asList(group.getScopeComponents()).contains(JobMetrics.EXPORTED_GROUP)) {
            exported.merge(name, userDimensions(group), (a, b) -> a);
        }
    }

    /** The scope Prometheus names a metric by; wrappers (operator, source groups) unwrapped. */
    private static String logicalScope(MetricGroup group) {
        MetricGroup g = group;
        while (g instanceof ProxyMetricGroup) {
            g = wrapped((ProxyMetricGroup<?>) g);
        }
        if (g instanceof AbstractMetricGroup) {
            return ((AbstractMetricGroup<?>) g).getLogicalScope(PROMETHEUS_FILTER, '_');
        }
        if (g instanceof LogicalScopeProvider) {
            return ((LogicalScopeProvider) g).getLogicalScope(PROMETHEUS_FILTER, '_');
        }
        throw new IllegalStateException("no logical scope for " + g.getClass().getName());
    }

    private static MetricGroup wrapped(ProxyMetricGroup<?> proxy) {
        try {
            Field parent = ProxyMetricGroup.class.getDeclaredField("parentMetricGroup");
            parent.setAccessible(true);
            return (MetricGroup) parent.get(proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot unwrap " + proxy.getClass(), e);
        }
    }

    /**
     * The key/value groups added under the exported group (org, vendor, ...): each adds its key and
     * then its value to the scope, so after the group's own name they come in pairs.
     */
    private static Set<String> userDimensions(MetricGroup group) {
        List<String> components = Arrays.asList(group.getScopeComponents());
        Set<String> keys = new TreeSet<>();
        for (int i = components.indexOf(JobMetrics.EXPORTED_GROUP) + 1;
                i + 1 < components.size();
                i += 2) {
            keys.add(components.get(i));
        }
        return keys;
    }
}
