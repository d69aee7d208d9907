package io.securitycoach.integrations;

import static io.securitycoach.integrations.IntegrationJobHarness.PEOPLE;
import static io.securitycoach.integrations.IntegrationJobHarness.detectedEvents;
import static io.securitycoach.integrations.IntegrationJobHarness.fetchedIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
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
    @RegisterExtension static final MiniClusterExtension CLUSTER = IntegrationJobHarness.cluster();

    static final int EVENTS = 240;

    @TempDir static Path tmp;

    static String definition(String baseUrl) {
        return "{\"base_url\": \""
                + baseUrl
                + "\", \"auth\": \"token\", \"secret\": \"file:orgs/acme/netskope-token\","
                + " \"poll_interval\": \"300ms\", \"backfill\": \"3h\"}";
    }

    @Test
    void everyServedRecordIsAuditedOnceThroughFaultsATokenChangeAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("restore"));
        Map<String, List<String>> byStream =
                NetskopeEvents.generate(
                        "acme", PEOPLE, EVENTS, Instant.now().minusSeconds(7200), 11);
        List<String> records = NetskopeEvents.all(byStream);
        Path token = IntegrationJobHarness.secret(work, "netskope-token", "nsk-token-1");
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
                    IntegrationJobHarness.control(
                            IntegrationJobHarness.rule(
                                    "dlp-upload",
                                    "event.vendor == \"netskope\" && event.class == \"dlp\""
                                            + " && event.activity == \"upload\""),
                            IntegrationJobHarness.integration(
                                    "netskope", definition(netskope.baseUrl())));
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
                Files.writeString(token, "nsk-token-2");
                List<String> uploads = dlpUploads(records);
                List<String> ids = IntegrationJobHarness.fields(records, "_id");
                ExactlyOnce.awaitAuditedAndDetected(
                        audit,
                        () -> fetchedIds(audit, "_id"),
                        ids,
                        uploads.size(),
                        Duration.ofSeconds(120));
                ExactlyOnce.settle();
                ExactlyOnce.audited("record", fetchedIds(audit, "_id"), ids, netskope.served());
                assertThat(netskope.operations("resend"))
                        .as("the restore and the failed requests asked for the last page again")
                        .isPositive();
                assertThat(detectedEvents(audit)).containsExactlyInAnyOrderElementsOf(uploads);
                assertThat(netskope.faults().played()).as("every scripted fault met").isEqualTo(5);
                ExactlyOnce.failedOnce(runId, 170);
                assertThat(IntegrationJobHarness.statuses(audit))
                        .as("accepted, down and back, the token refused and back")
                        .containsSubsequence(
                                "accepted", "vendor_down", "recovered", "auth_failed", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> dlpUploads(List<String> records) {
        return records.stream()
                .filter(r -> r.contains("\"alert_type\": \"DLP\""))
                .map(r -> IntegrationJobHarness.field(r, "_id"))
                .collect(Collectors.toList());
    }
}
