package io.securitycoach.bench.pipeline;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.metrics.scope.ScopeFormat;

/**
 * A Flink metric reporter that keeps every registered metric in this JVM, so the load run (which
 * hosts the MiniCluster) reads operators' counters directly: {@code numRecordsIn} of "Audit: raw",
 * of "Enrich with directory attributes", and so on. Registered by {@link #configure}. The counters
 * of every task attempt are kept and summed: after a restart they count the records replayed from
 * the checkpoint again (operator counters are not exactly-once; the committed audit trail is), so a
 * run reports {@link #restarts()} beside them.
 */
public final class MetricsTap implements MetricReporter {
    private static final List<Entry> METRICS = new CopyOnWriteArrayList<>();

    /** One registered metric with the operator (or task) it belongs to. */
    private static final class Entry {
        final String operator;
        final String name;
        final Metric metric;
        final int attempt;

        Entry(String operator, String name, Metric metric, int attempt) {
            this.operator = operator;
            this.name = name;
            this.metric = metric;
            this.attempt = attempt;
        }
    }

    /** Sets the reporter on a Flink configuration. */
    public static void configure(Configuration conf) {
        conf.setString("metrics.reporter.tap.factory.class", Factory.class.getName());
    }

    /** Forgets the metrics of earlier jobs (each phase runs its own MiniCluster). */
    public static void clear() {
        METRICS.clear();
    }

    /** The sum over subtasks of the counter {@code name} of operator {@code operator}. */
    public static long count(String operator, String name) {
        long sum = 0;
        for (Entry e : METRICS) {
            if (e.operator.equals(operator) && e.name.equals(name) && e.metric instanceof Counter) {
                sum += ((Counter) e.metric).getCount();
            }
        }
        return sum;
    }

    /** The sum of the counter {@code name} over every task and operator (e.g. numBytesOut). */
    public static long total(String name) {
        long sum = 0;
        for (Entry e : METRICS) {
            if (e.name.equals(name) && e.metric instanceof Counter) {
                sum += ((Counter) e.metric).getCount();
            }
        }
        return sum;
    }

    /** The highest task attempt seen: 0 unless some task failed and was restored. */
    public static int restarts() {
        int highest = 0;
        for (Entry e : METRICS) {
            highest = Math.max(highest, e.attempt);
        }
        return highest;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if (operator == null) {
            operator = group.getAllVariables().getOrDefault("<task_name>", "");
        }
        String attempt =
                group.getAllVariables().getOrDefault(ScopeFormat.SCOPE_TASK_ATTEMPT_NUM, "0");
        METRICS.add(new Entry(operator, name, metric, Integer.parseInt(attempt)));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // kept: a finished job's final counts are still read after it ends
    }

    /** Found by Flink through META-INF/services. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricsTap();
        }
    }
}
