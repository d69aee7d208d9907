package io.securitycoach.integrations;

import static io.securitycoach.integrations.IntegrationJobHarness.PEOPLE;
import static io.securitycoach.integrations.IntegrationJobHarness.detectedEvents;
import static io.securitycoach.integrations.IntegrationJobHarness.field;
import static io.securitycoach.integrations.IntegrationJobHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.standins.CrowdStrikeAlertRecords;
import io.securitycoach.standins.CrowdStrikeStandIn;
import io.securitycoach.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * CrowdStrike Falcon Alerts API v2 end to end on a MiniCluster: client-credentials tokens that
 * expire (and are revoked mid-run), the query and entities requests paged through the keyed cursor,
 * CrowdStrike's rate limit (429 with {@code X-RateLimit-RetryAfter}), a 5xx burst, a slow page, an
 * alert updated mid-run (a new version of the same alert) and one indexed late (updated before
 * alerts already served), while a task fails once and the job restores from its last checkpoint.
 * Every alert version the stand-in served is in the raw audit exactly once, and the detections are
 * those of the prevented alert versions, once each (what a run without failures gives).
 */
class CrowdStrikeIntegrationJobTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = IntegrationJobHarness.cluster();

    static final int ALERTS = 150;

    @TempDir static Path tmp;

    @Test
    void everyAlertVersionIsAuditedOnceThroughFaultsAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("crowdstrike"));
        IntegrationJobHarness.secret(work, "falcon-secret", "falcon-s3cret");
        IntegrationJobHarness.users(work, "acme", PEOPLE);
        Path audit = work.resolve("audit");
        // ten seconds apart: the 150 alerts span 25 minutes, more than one pass's overlap
        List<String> generated =
                CrowdStrikeAlertRecords.generate(
                        "acme", PEOPLE, ALERTS + 1, Instant.now().minusSeconds(7200), 10, 11);
        List<String> alerts = generated.subList(0, ALERTS);
        String late = generated.get(ALERTS);
        try (CrowdStrikeStandIn falcon =
                        CrowdStrikeStandIn.builder()
                                .apiClient("falcon-acme", "falcon-s3cret", 2)
                                .rateLimit(4, 1000)
                                .start()
                                .store(alerts);
                LocalReceiver receiver = LocalReceiver.builder().start()) {
            falcon.faults().slow(1, 500).burst(429, 2).burst(503, 3);
            JobSettings settings =
                    IntegrationJobHarness.settings(receiver.baseUrl(), work.resolve("secrets"));
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "crowdstrike-" + System.nanoTime();
            IntegrationJobHarness.build(
                    env, work, control(falcon.baseUrl()), settings, audit, runId, 60);
            JobClient job = env.executeAsync("crowdstrike integration");
            try {
                Await.until(
                        "half served",
                        Duration.ofSeconds(60),
                        () -> new HashSet<>(falcon.served()).size() >= ALERTS / 2);
                falcon.expireTokens();
                Await.until(
                        "all served",
                        Duration.ofSeconds(90),
                        () -> new HashSet<>(falcon.served()).size() >= ALERTS);
                String updated = field(alerts.get(1), "composite_id");
                falcon.update(updated, "in_progress");
                Instant newest = Instant.parse(field(alerts.get(ALERTS - 1), "updated_timestamp"));
                falcon.publishLate(late, newest.minusSeconds(120)); // within the 5-minute overlap
                List<String> versions = falcon.versions();
                versions.add(version(read(alerts.get(1))));
                List<String> prevented = prevented(alerts, late, updated);
                ExactlyOnce.awaitAuditedAndDetected(
                        audit,
                        () -> fetched(audit),
                        versions,
                        prevented.size(),
                        Duration.ofSeconds(90));
                ExactlyOnce.settle();
                List<String> fetched = fetched(audit);
                ExactlyOnce.audited("alert version", fetched, versions, falcon.served());
                assertThat(fetched.stream().filter(v -> v.startsWith(updated + "@")).count())
                        .as("the updated alert is a second version of the same alert")
                        .isEqualTo(2);
                assertThat(detectedEvents(audit)).containsExactlyInAnyOrderElementsOf(prevented);
                assertThat(falcon.faults().played())
                        .as("every scripted fault was met")
                        .isEqualTo(6);
                ExactlyOnce.failedOnce(runId, 60);
                assertThat(IntegrationJobHarness.statuses(audit))
                        .as("answered, down from the third failure in a row, then recovered")
                        .containsSubsequence("accepted", "vendor_down", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<ControlMessage> control(String baseUrl) {
        String definition =
                "{\"base_url\": \""
                        + baseUrl
                        + "\", \"client_id\": \"falcon-acme\", \"secret\":"
                        + " \"file:orgs/acme/falcon-secret\", \"poll_interval\": \"200ms\","
                        + " \"page_size\": 10, \"backfill\": \"3h\"}";
        return IntegrationJobHarness.control(
                IntegrationJobHarness.rule(
                        "prevented-on-endpoint",
                        "event.vendor == \"crowdstrike\" && event.action == \"blocked\""),
                IntegrationJobHarness.integration("crowdstrike", definition));
    }

    /**
     * The event uid (the composite id) of every prevented alert version: the stored ones, the late
     * one, and the updated one once more.
     */
    static List<String> prevented(List<String> alerts, String late, String updated) {
        List<String> uids = new ArrayList<>();
        for (String a : alerts) {
            if (CrowdStrikeAlertRecords.prevented(a)) {
                uids.add(field(a, "composite_id"));
                if (field(a, "composite_id").equals(updated)) {
                    uids.add(updated);
                }
            }
        }
        if (CrowdStrikeAlertRecords.prevented(late)) {
            uids.add(field(late, "composite_id"));
        }
        return uids;
    }

    /** The raw audit's fetched alerts as composite_id@updated_timestamp. */
    static List<String> fetched(Path audit) {
        return IntegrationJobHarness.fetchedPayloads(audit, "crowdstrike").stream()
                .map(CrowdStrikeIntegrationJobTest::version)
                .collect(Collectors.toList());
    }

    /** An alert's version as the stand-in counts it. */
    static String version(JsonNode alert) {
        return alert.path("composite_id").asText() + "@" + alert.path("updated_timestamp").asText();
    }
}
