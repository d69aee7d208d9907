package io.securitycoach.integrations;

import static io.securitycoach.integrations.IntegrationJobHarness.PEOPLE;
import static io.securitycoach.integrations.IntegrationJobHarness.detectedEvents;
import static io.securitycoach.integrations.IntegrationJobHarness.fetchedIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.standins.OktaEvents;
import io.securitycoach.standins.OktaStandIn;
import io.securitycoach.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * The Okta System Log integration end to end on a MiniCluster: the poller fetches from the local
 * stand-in through pagination, its rate limit (Okta's headers, 429s), a 5xx burst, a slow page and
 * OAuth tokens that expire, while a task fails once in the middle and the job restores from its
 * last checkpoint. Every event the stand-in served is in the raw audit exactly once, and the
 * detections are those of the events themselves, once each (what a run without failures gives).
 */
class OktaIntegrationJobTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = IntegrationJobHarness.cluster();

    static final int EVENTS = 240;

    @TempDir static Path tmp;

    static String definition(String baseUrl) {
        return "{\"base_url\": \""
                + baseUrl
                + "\", \"auth\": \"oauth\", \"client_id\": \"client-acme\", \"key_id\":"
                + " \"kid-acme\", \"private_key\": \"file:orgs/acme/okta-service-app.pem\","
                + " \"poll_interval\": \"200ms\", \"page_size\": 20, \"backfill\": \"3h\"}";
    }

    @Test
    void everyServedEventIsAuditedOnceThroughFaultsAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("restore"));
        List<String> events =
                OktaEvents.generate("acme", PEOPLE, EVENTS, Instant.now().minusSeconds(7200), 7);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serviceApp = rsa.generateKeyPair();
        IntegrationJobHarness.secret(
                work,
                "okta-service-app.pem",
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(serviceApp.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        IntegrationJobHarness.users(work, "acme", PEOPLE);
        Path audit = work.resolve("audit");
        try (OktaStandIn okta =
                        OktaStandIn.builder()
                                .serviceApp("client-acme", serviceApp.getPublic(), 2)
                                .rateLimit(4, 1000)
                                .start()
                                .store(events);
                LocalReceiver receiver = LocalReceiver.builder().start()) {
            okta.faults().slow(1, 500).burst(429, 2).burst(503, 3);
            JobSettings settings =
                    IntegrationJobHarness.settings(receiver.baseUrl(), work.resolve("secrets"));
            String rule =
                    IntegrationJobHarness.rule(
                            "push-denied",
                            "event.vendor == \"okta\""
                                    + " && event.activity == \"user.mfa.okta_verify.deny_push\"");
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "okta-" + System.nanoTime();
            IntegrationJobHarness.build(
                    env,
                    work,
                    IntegrationJobHarness.control(
                            rule,
                            IntegrationJobHarness.integration("okta", definition(okta.baseUrl()))),
                    settings,
                    audit,
                    runId,
                    100);
            JobClient job = env.executeAsync("okta integration");
            try {
                Await.until(
                        "the token expires mid-run",
                        Duration.ofSeconds(60),
                        () -> okta.served().size() >= 120);
                okta.expireTokens();
                List<String> denied = deniedPushes(events);
                List<String> uuids = IntegrationJobHarness.fields(events, "uuid");
                ExactlyOnce.awaitAuditedAndDetected(
                        audit,
                        () -> fetchedIds(audit, "uuid"),
                        uuids,
                        denied.size(),
                        Duration.ofSeconds(90));
                ExactlyOnce.settle();
                ExactlyOnce.audited("event", fetchedIds(audit, "uuid"), uuids, okta.served());
                assertThat(okta.served().size())
                        .as("the restore fetched again what the checkpoint did not hold")
                        .isGreaterThan(EVENTS);
                assertThat(detectedEvents(audit)).containsExactlyInAnyOrderElementsOf(denied);
                assertThat(okta.faults().played()).as("every scripted fault was met").isEqualTo(6);
                ExactlyOnce.failedOnce(runId, 100);
                assertThat(IntegrationJobHarness.statuses(audit))
                        .as("answered, down from the third failure in a row, then recovered")
                        .containsSubsequence("accepted", "vendor_down", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> deniedPushes(List<String> events) {
        return events.stream()
                .filter(e -> e.contains("user.mfa.okta_verify.deny_push"))
                .map(e -> IntegrationJobHarness.field(e, "uuid"))
                .collect(Collectors.toList());
    }
}
