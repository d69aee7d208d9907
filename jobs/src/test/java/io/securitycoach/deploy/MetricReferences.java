package io.securitycoach.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metric names the operator-facing files name: the job metrics table of docs/operations.md, the
 * CloudWatch alarms and dashboard of the Managed Flink kit, the PrometheusRule and Grafana
 * dashboard of the Kubernetes kit.
 */
final class MetricReferences {
    static final Path TEMPLATE = Path.of("deploy/managed-flink/template.yaml");
    static final Path PROMETHEUS_RULE = Path.of("k8s/prometheus-rule.yaml");
    static final Path GRAFANA_DASHBOARD = Path.of("k8s/grafana-dashboard.json");
    static final Path OPERATIONS = Path.of("docs/operations.md");
    static final String METRICS_TABLE = "### The job's metrics";

    private static final Pattern METRIC_NAME = Pattern.compile("MetricName: *\"?(\\w+)");
    private static final Pattern INSIGHTS_QUERY =
            Pattern.compile("SELECT +(?:SUM|MAX|MIN|AVG|COUNT)\\((\\w+)\\)");
    private static final Pattern PROMETHEUS_NAME = Pattern.compile("\\bflink_[A-Za-z0-9_:]+");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(\\w+)` \\| ([^|]*)\\|");

    private MetricReferences() {}

    /** CloudWatch metric names read by the alarms and the dashboard. */
    static Set<String> cloudWatch(Path home) throws IOException {
        String template = Files.readString(home.resolve(TEMPLATE));
        Set<String> names = new TreeSet<>(all(METRIC_NAME, template));
        names.addAll(all(INSIGHTS_QUERY, template));
        return names;
    }

    /** Prometheus metric names the alerts and the dashboard query. */
    static Set<String> prometheus(Path home) throws IOException {
        Set<String> names = new TreeSet<>(all(PROMETHEUS_NAME, read(home, PROMETHEUS_RULE)));
        names.addAll(all(PROMETHEUS_NAME, read(home, GRAFANA_DASHBOARD)));
        return names;
    }

    /** The job metrics table: name -> dimensions (a comma-separated list, `-` for none). */
    static Map<String, Set<String>> documentedJobMetrics(Path home) throws IOException {
        String doc = read(home, OPERATIONS);
        int start = doc.indexOf(METRICS_TABLE);
        if (start < 0) {
            throw new IllegalStateException(OPERATIONS + " has no '" + METRICS_TABLE + "' section");
        }
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (String line : doc.substring(start).split("\n")) {
            if (line.startsWith("#") && !line.startsWith(METRICS_TABLE)) {
                break;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                metrics.put(row.group(1), dimensions(row.group(2)));
            }
        }
        return metrics;
    }

    private static Set<String> dimensions(String cell) {
        return Arrays.stream(cell.replace("`", "").split(","))
                .map(String::trim)
                .filter(d -> !d.isEmpty() && !"-".equals(d))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String read(Path home, Path file) throws IOException {
        return Files.readString(home.resolve(file));
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}
