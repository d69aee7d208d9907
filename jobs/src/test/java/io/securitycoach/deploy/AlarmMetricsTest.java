package io.securitycoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.integrations.IntegrationPoller;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import io.securitycoach.util.JobMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.metrics.KinesisConsumerMetricConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics an operator is told to watch exist: the job runs once on the samples (per-org
 * dimensions on), and every metric that docs/operations.md lists, that a CloudWatch alarm or the
 * dashboard in deploy/managed-flink/template.yaml reads, and that the PrometheusRule or Grafana
 * dashboard in k8s/ queries, was registered under that name (job metrics in the exported group,
 * with the documented dimensions). An alarm on a metric nobody emits never fires; this test is what
 * stops one from landing.
 */
class AlarmMetricsTest {
    @RegisterExtension
    static final FlinkMiniCluster CLUSTER = FlinkMiniCluster.withRetainedMetrics();

    static final Path HOME = Path.of(System.getProperty("coach.home", ".."));

    /**
     * Managed Flink computes these itself (its documented service metrics): no job registers them,
     * so they are checked against the service's documentation, not a run.
     */
    static final Set<String> SERVICE_METRICS =
            Set.of("fullRestarts", "downtime", "uptime", "heapMemoryUtilization", "cpuUtilization");

    /** The Kinesis connector's lag gauge (no Kinesis source in this run): its own constants. */
    static final String KINESIS_LAG = KinesisConsumerMetricConstants.MILLIS_BEHIND_LATEST_GAUGE;

    static final String KINESIS_LAG_PROMETHEUS =
            "flink_taskmanager_job_task_operator_"
                    + KinesisConsumerMetricConstants.KINESIS_CONSUMER_METRICS_GROUP
                    + "_"
                    + KinesisConsumerMetricConstants.STREAM_METRICS_GROUP
                    + "_"
                    + KinesisConsumerMetricConstants.SHARD_METRICS_GROUP
                    + "_"
                    + KINESIS_LAG;

    /**
     * Registered by the integration poller once an org has an integration (none in this run): its
     * own constants, which its MiniCluster tests exercise.
     */
    static final Set<String> INTEGRATION_METRICS =
            Set.of(IntegrationPoller.LAG_METRIC, IntegrationPoller.EVENTS_METRIC);

    static final String INTEGRATION_LAG_PROMETHEUS =
            "flink_taskmanager_job_task_operator_kinesisanalytics_org_vendor_"
                    + IntegrationPoller.LAG_METRIC;

    @TempDir static Path out;
    private static EmittedMetrics emitted;

    /**
     * Run once, from the first test: the cluster's environment is the context environment only
     * while a test runs (a job submitted from {@code @BeforeAll} would run on a cluster of its
     * own).
     */
    private static synchronized EmittedMetrics emitted() throws Exception {
        if (emitted == null) {
            runTheJobOnTheSamples();
            emitted = EmittedMetrics.from(CLUSTER.metrics());
        }
        return emitted;
    }

    private static void runTheJobOnTheSamples() throws Exception {
        Path samples = HOME.resolve("samples").toAbsolutePath();
        DevSecrets secrets = DevSecrets.create(out.resolve("secrets"));
        try (LocalReceiver receiver =
                LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start()) {
            StreamExecutionEnvironment env = JobEnvironment.create();
            env.enableCheckpointing(500);
            JobSettings settings = new JobSettings();
            settings.metricsOrgDimension = JobMetrics.PER_ORG;
            settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
            JobSources sources =
                    new FileJobSources(
                            List.of(samples.resolve("events").toUri().toString()),
                            samples.resolve("users").toUri().toString(),
                            RuleFiles.snapshot(
                                    samples.resolve("rules"), samples.resolve("parsers")),
                            null);
            CoachJob.build(
                    env,
                    sources,
                    AuditSinks.auditOnly(out.resolve("audit").toUri().toString()),
                    settings);
            env.execute("metrics");
        }
    }

    @Test
    void everyDocumentedJobMetricIsExportedWithItsDocumentedDimensions() throws Exception {
        Map<String, Set<String>> documented = MetricReferences.documentedJobMetrics(HOME);
        INTEGRATION_METRICS.forEach(
                name ->
                        assertThat(documented.remove(name))
                                .as(name + " is documented with its dimensions")
                                .containsExactlyInAnyOrder("org", "vendor"));
        assertThat(documented).as("docs/operations.md lists the job's metrics").isNotEmpty();
        Map<String, Set<String>> exported = emitted().exported;
        Map<String, Set<String>> actual = new TreeMap<>();
        documented.keySet().forEach(name -> actual.put(name, exported.get(name)));
        assertThat(actual).isEqualTo(documented);
        assertThat(emitted().exported.keySet())
                .as("every exported metric is documented")
                .isSubsetOf(documented.keySet());
    }

    @Test
    void orgMetricsCarryTheAggregateAndTheOrgsOwnSeries() throws Exception {
        assertThat(emitted().exported.get("deliveries")).contains("org", "channel", "status");
        assertThat(emitted().exported.get("deadLetterPercent")).containsExactly("vendor");
    }

    @Test
    void everyMetricTheCloudWatchAlarmsAndDashboardReadExists() throws Exception {
        Set<String> missing = new TreeSet<>();
        for (String name : MetricReferences.cloudWatch(HOME)) {
            if (!emitted().names.contains(name)
                    && !SERVICE_METRICS.contains(name)
                    && !KINESIS_LAG.equals(name)
                    && !INTEGRATION_METRICS.contains(name)) {
                missing.add(name);
            }
        }
        assertThat(MetricReferences.cloudWatch(HOME)).isNotEmpty();
        assertThat(missing).as("read by an alarm or the dashboard, emitted by nothing").isEmpty();
    }

    @Test
    void everyMetricThePrometheusRuleAndGrafanaDashboardQueryExists() throws Exception {
        Set<String> missing = new TreeSet<>();
        for (String name : MetricReferences.prometheus(HOME)) {
            if (!emitted().prometheusNames.contains(name)
                    && !KINESIS_LAG_PROMETHEUS.equals(name)
                    && !INTEGRATION_LAG_PROMETHEUS.equals(name)) {
                missing.add(name);
            }
        }
        assertThat(MetricReferences.prometheus(HOME)).isNotEmpty();
        assertThat(missing)
                .as(
                        "queried by an alert or panel, emitted by nothing (emitted: %s)",
                        emitted().prometheusNames)
                .isEmpty();
    }
}
