package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final List<String> PEOPLE = List.of("ana@acme.com", "ben@acme.com", "cy@acme.com");
    static final int ALERTS = 120;

    @TempDir static Path tmp;

    @Test
    void everyAlertVersionIsAuditedOnceThroughFaultsAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("graph"));
        Files.createDirectories(work.resolve("secrets/orgs/acme"));
        Files.writeString(work.resolve("secrets/orgs/acme/graph-secret"), "graph-s3cret");
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
            ControlMessage m = new ControlMessage();
            m.type = ControlMessage.INTEGRATION_UPSERT;
            m.orgId = "acme";
            m.ruleId = "microsoft-graph";
            m.version = 1;
            m.source = "test";
            m.payload =
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
                    List.of(m, ControlMessage.snapshotEnd("test")),
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
                versions.add(
                        field(alerts.get(0), "id")
                                + "@"
                                + field(alerts.get(0), "lastUpdateDateTime"));
                Await.until(
                        "every version audited",
                        Duration.ofSeconds(60),
                        () -> new HashSet<>(fetched(audit)).containsAll(versions),
                        () -> "have " + fetched(audit).size());
                Thread.sleep(
                        1000); // a checkpoint more: a duplicate, were there one, would be committed
                List<String> fetched = fetched(audit);
                assertThat(fetched).as("each alert version once").doesNotHaveDuplicates();
                assertThat(fetched).containsExactlyInAnyOrderElementsOf(versions);
                assertThat(new HashSet<>(graph.served())).isEqualTo(new HashSet<>(versions));
                assertThat(graph.faults().played()).isEqualTo(4);
                assertThat(IntegrationJobHarness.SEEN.get(runId).get()).isGreaterThanOrEqualTo(60);
                assertThat(fetched.stream().filter(v -> v.startsWith(updated + "@")).count())
                        .as("the updated alert is a second version of the same alert")
                        .isEqualTo(2);
                assertThat(OktaIntegrationJobTest.statuses(audit)).contains("accepted");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The raw audit's fetched alerts as id@lastUpdateDateTime. */
    static List<String> fetched(Path audit) {
        return IntegrationJobHarness.audit(audit, AuditStage.RAW).stream()
                .filter(
                        r ->
                                r.path("origin")
                                        .asText()
                                        .startsWith("integration:acme/microsoft-graph"))
                .map(r -> read(r.path("payload").asText()))
                .map(a -> a.path("id").asText() + "@" + a.path("lastUpdateDateTime").asText())
                .collect(Collectors.toList());
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        return read(json).path(name).asText();
    }
}
