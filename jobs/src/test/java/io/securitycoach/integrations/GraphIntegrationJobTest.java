package io.securitycoach.integrations;

import static io.securitycoach.integrations.IntegrationJobHarness.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.standins.GraphAlerts;
import io.securitycoach.standins.GraphStandIn;
import io.securitycoach.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft Graph alerts_v2 end to end on a MiniCluster: client-credentials tokens that expire,
 * {@code @odata.nextLink} pages, 429 with Retry-After, a 5xx burst, an alert updated mid-run (a new
 * version, fetched again), and a task failure with a restore from the last checkpoint. Every alert
 * version the stand-in served is in the raw audit exactly once.
 */
class GraphIntegrationJobTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = IntegrationJobHarness.cluster();

    static final List<String> PEOPLE = IntegrationJobHarness.PEOPLE.subList(0, 3);
    static final int ALERTS = 120;

    @TempDir static Path tmp;

    @Test
    void everyAlertVersionIsAuditedOnceThroughFaultsAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("graph"));
        IntegrationJobHarness.secret(work, "graph-secret", "graph-s3cret");
        IntegrationJobHarness.users(work, "acme", PEOPLE);
        Path audit = work.resolve("audit");
        List<String> alerts =
                GraphAlerts.generate(PEOPLE, ALERTS, Instant.now().minusSeconds(3600), 3);
        try (GraphStandIn graph =
                        new GraphStandIn("tenant-1", "app-1", "graph-s3cret", 2, 3).store(alerts);
                LocalReceiver receiver = LocalReceiver.builder().start()) {
            graph.faults().burst(503, 3).slow(1, 300);
            JobSettings settings =
                    IntegrationJobHarness.settings(receiver.baseUrl(), work.resolve("secrets"));
            String definition =
                    "{\"base_url\": \""
                            + graph.baseUrl()
                            + "\", \"tenant_id\": \"tenant-1\", \"client_id\": \"app-1\","
                            + " \"secret\": \"file:orgs/acme/graph-secret\", \"poll_interval\":"
                            + " \"200ms\", \"page_size\": 10, \"backfill\": \"2h\"}";
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "graph-" + System.nanoTime();
            IntegrationJobHarness.build(
                    env,
                    work,
                    List.of(
                            IntegrationJobHarness.integration("microsoft-graph", definition),
                            ControlMessage.snapshotEnd("test")),
                    settings,
                    audit,
                    runId,
                    60);
            JobClient job = env.executeAsync("graph integration");
            try {
                Await.until(
                        "half served",
                        Duration.ofSeconds(60),
                        () -> new HashSet<>(graph.served()).size() >= ALERTS / 2);
                graph.expireTokens();
                Await.until(
                        "all served",
                        Duration.ofSeconds(60),
                        () -> new HashSet<>(graph.served()).size() >= ALERTS);
                String updated = field(alerts.get(0), "id");
                graph.update(updated, "resolved");
                List<String> versions = graph.versions();
                versions.add(updated + "@" + field(alerts.get(0), "lastUpdateDateTime"));
                Await.until(
                        "every version audited",
                        Duration.ofSeconds(60),
                        () -> new HashSet<>(fetched(audit)).containsAll(versions),
                        () -> "have " + fetched(audit).size());
                ExactlyOnce.settle();
                List<String> fetched = fetched(audit);
                ExactlyOnce.audited("alert version", fetched, versions, graph.served());
                assertThat(graph.faults().played()).isEqualTo(4);
                ExactlyOnce.failedOnce(runId, 60);
                assertThat(fetched.stream().filter(v -> v.startsWith(updated + "@")).count())
                        .as("the updated alert is a second version of the same alert")
                        .isEqualTo(2);
                assertThat(IntegrationJobHarness.statuses(audit)).contains("accepted");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The raw audit's fetched alerts as id@lastUpdateDateTime. */
    static List<String> fetched(Path audit) {
        return IntegrationJobHarness.fetchedPayloads(audit, "microsoft-graph").stream()
                .map(a -> a.path("id").asText() + "@" + a.path("lastUpdateDateTime").asText())
                .collect(Collectors.toList());
    }
}
