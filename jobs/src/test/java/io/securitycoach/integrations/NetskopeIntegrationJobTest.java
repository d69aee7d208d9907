package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import io.securitycoach.standins.NetskopeEvents;
import io.securitycoach.standins.NetskopeStandIn;
import io.securitycoach.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * The Netskope data export integration end to end on a MiniCluster: the poller walks the local
 * stand-in's iterators (positioned by epoch, then {@code next}, one page per stream per completed
 * checkpoint) through {@code wait_time}, the rate limit (Netskope's headers, 429s), a 5xx burst, a
 * slow page the client gives up on (the index moved anyway: a {@code resend} brings it back) and a
 * revoked token replaced by the operator, while a task fails once in the middle and the job
 * restores from its last checkpoint ({@code resend} first on every stream). Every record the
 * stand-in served is in the raw audit exactly once, and the detections are those of the records
 * themselves, once each (what a run without failures gives).
 */
class NetskopeIntegrationJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final List<String> PEOPLE =
            List.of("ana@acme.com", "ben@acme.com", "cy@acme.com", "dee@acme.com", "eli@acme.com");
    static final int EVENTS = 240;

    @TempDir static Path tmp;

    static String rule() {
        return "id: dlp-upload\norg: acme\nversion: 1\n"
                + "when: event.vendor == \"netskope\" && event.class == \"dlp\""
                + " && event.activity == \"upload\"\n"
                + "coach: {module: m, channels: [webhook], message: 'Hi {first_name}.'}\n";
    }

    static ControlMessage integration(String baseUrl) {
        ControlMessage m = new ControlMessage();
        m.type = ControlMessage.INTEGRATION_UPSERT;
        m.orgId = "acme";
        m.ruleId = "netskope";
        m.version = 1;
        m.payload =
                "{\"base_url\": \""
                        + baseUrl
                        + "\", \"auth\": \"token\", \"secret\": \"file:orgs/acme/netskope-token\","
                        + " \"poll_interval\": \"300ms\", \"backfill\": \"3h\"}";
        m.source = "test";
        return m;
    }

    @Test
    void everyServedRecordIsAuditedOnceThroughFaultsATokenChangeAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("restore"));
        Map<String, List<String>> byStream =
                NetskopeEvents.generate(
                        "acme", PEOPLE, EVENTS, Instant.now().minusSeconds(7200), 11);
        List<String> records = NetskopeEvents.all(byStream);
        Path secrets = Files.createDirectories(work.resolve("secrets/orgs/acme"));
        Files.writeString(secrets.resolve("netskope-token"), "nsk-token-1");
        IntegrationJobHarness.users(work, "acme", PEOPLE);
        Path audit = work.resolve("audit");
        try (NetskopeStandIn netskope =
                        NetskopeStandIn.builder()
                                .token("nsk-token-1")
                                .rateLimit(12, 1000)
                                .pageSize(10)
                                .waitTime(1)
                                .start()
                                .store(byStream);
                LocalReceiver receiver = LocalReceiver.builder().start()) {
            netskope.faults().slow(1, 2500).burst(503, 3).burst(429, 1);
            JobSettings settings =
                    IntegrationJobHarness.settings(receiver.baseUrl(), work.resolve("secrets"));
            settings.notifier.secretsCacheMillis = 100; // the operator's new token is read soon
            // a poll may ask many pages: only the completed checkpoints keep it to one per stream
            settings.integrations.maxPagesPerPoll = 20;
            List<ControlMessage> control =
                    List.of(
                            ControlMessage.upsert("acme", rule(), "rule"),
                            integration(netskope.baseUrl()),
                            ControlMessage.snapshotEnd("test"));
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "netskope-" + System.nanoTime();
            IntegrationJobHarness.build(env, work, control, settings, audit, runId, 170);
            JobClient job = env.executeAsync("netskope integration");
            try {
                Await.until(
                        "half the records served",
                        Duration.ofSeconds(90),
                        () -> new HashSet<>(netskope.served()).size() >= 120);
                netskope.rotateToken("nsk-token-2"); // the old token is revoked
                Await.until(
                        "the revoked token refused",
                        Duration.ofSeconds(30),
                        () -> netskope.refused() > 0);
                Files.writeString(secrets.resolve("netskope-token"), "nsk-token-2");
                List<String> uploads = dlpUploads(records);
                Await.until(
                        "every record audited and detected",
                        Duration.ofSeconds(120),
                        () ->
                                new HashSet<>(IntegrationJobHarness.fetchedIds(audit, "_id")).size()
                                                == EVENTS
                                        && OktaIntegrationJobTest.detectedEvents(audit).size()
                                                >= uploads.size(),
                        () ->
                                "have "
                                        + IntegrationJobHarness.fetchedIds(audit, "_id").size()
                                        + " raw, "
                                        + OktaIntegrationJobTest.detectedEvents(audit).size()
                                        + " detections");
                Thread.sleep(1000); // a checkpoint more: a duplicate, were there one, would commit
                List<String> fetched = IntegrationJobHarness.fetchedIds(audit, "_id");
                assertThat(fetched).as("each record once in the raw audit").doesNotHaveDuplicates();
                assertThat(fetched).containsExactlyInAnyOrderElementsOf(ids(records));
                assertThat(new HashSet<>(netskope.served())).isEqualTo(new HashSet<>(ids(records)));
                assertThat(netskope.operations("resend"))
                        .as("the restore and the failed requests asked for the last page again")
                        .isPositive();
                assertThat(OktaIntegrationJobTest.detectedEvents(audit))
                        .containsExactlyInAnyOrderElementsOf(uploads);
                assertThat(netskope.faults().played()).as("every scripted fault met").isEqualTo(5);
                assertThat(IntegrationJobHarness.SEEN.get(runId).get()).isGreaterThanOrEqualTo(170);
                assertThat(OktaIntegrationJobTest.statuses(audit))
                        .as("accepted, down and back, the token refused and back")
                        .containsSubsequence(
                                "accepted", "vendor_down", "recovered", "auth_failed", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> ids(List<String> records) {
        return records.stream().map(r -> field(r, "_id")).collect(Collectors.toList());
    }

    static List<String> dlpUploads(List<String> records) {
        return records.stream()
                .filter(r -> r.contains("\"alert_type\": \"DLP\""))
                .map(r -> field(r, "_id"))
                .collect(Collectors.toList());
    }

    private static String field(String json, String name) {
        try {
            return Json.mapper().readTree(json).path(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
