package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import io.securitycoach.standins.OktaEvents;
import io.securitycoach.standins.OktaStandIn;
import io.securitycoach.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
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
 * The Okta System Log integration end to end on a MiniCluster: the poller fetches from the local
 * stand-in through pagination, its rate limit (Okta's headers, 429s), a 5xx burst, a slow page and
 * OAuth tokens that expire, while a task fails once in the middle and the job restores from its
 * last checkpoint. Every event the stand-in served is in the raw audit exactly once, and the
 * detections are those of the events themselves, once each (what a run without failures gives).
 */
class OktaIntegrationJobTest {
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
        return "id: push-denied\norg: acme\nversion: 1\n"
                + "when: event.vendor == \"okta\" && event.activity =="
                + " \"user.mfa.okta_verify.deny_push\"\n"
                + "coach: {module: m, channels: [webhook], message: 'Hi {first_name}.'}\n";
    }

    static String definition(String baseUrl, String secretRef) {
        return "{\"base_url\": \""
                + baseUrl
                + "\", \"auth\": \"oauth\", \"client_id\": \"client-acme\","
                + " \"key_id\": \"kid-acme\", \"private_key\": \""
                + secretRef
                + "\", \"poll_interval\": \"200ms\", \"page_size\": 20,"
                + " \"backfill\": \"3h\"}";
    }

    static ControlMessage integration(String org, long version, String json) {
        ControlMessage m = new ControlMessage();
        m.type = ControlMessage.INTEGRATION_UPSERT;
        m.orgId = org;
        m.ruleId = "okta";
        m.version = version;
        m.payload = json;
        m.source = "test";
        return m;
    }

    @Test
    void everyServedEventIsAuditedOnceThroughFaultsAndARestore() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("restore"));
        List<String> events =
                OktaEvents.generate("acme", PEOPLE, EVENTS, Instant.now().minusSeconds(7200), 7);
        Path secrets = Files.createDirectories(work.resolve("secrets/orgs/acme"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serviceApp = rsa.generateKeyPair();
        Files.writeString(
                secrets.resolve("okta-service-app.pem"),
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
            List<ControlMessage> control =
                    List.of(
                            ControlMessage.upsert("acme", rule(), "rule"),
                            integration(
                                    "acme",
                                    1,
                                    definition(
                                            okta.baseUrl(), "file:orgs/acme/okta-service-app.pem")),
                            ControlMessage.snapshotEnd("test"));
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "okta-" + System.nanoTime();
            IntegrationJobHarness.build(env, work, control, settings, audit, runId, 100);
            JobClient job = env.executeAsync("okta integration");
            try {
                Await.until(
                        "the token expires mid-run",
                        Duration.ofSeconds(60),
                        () -> okta.served().size() >= 120);
                okta.expireTokens();
                List<String> denied = deniedPushes(events);
                Await.until(
                        "every event audited and detected",
                        Duration.ofSeconds(90),
                        () ->
                                new HashSet<>(IntegrationJobHarness.fetchedIds(audit, "uuid"))
                                                        .size()
                                                == EVENTS
                                        && detectedEvents(audit).size() >= denied.size(),
                        () ->
                                "have "
                                        + IntegrationJobHarness.fetchedIds(audit, "uuid").size()
                                        + " raw, "
                                        + detectedEvents(audit).size()
                                        + " detections");
                Thread.sleep(
                        1000); // a checkpoint more: a duplicate, were there one, would be committed
                List<String> fetched = IntegrationJobHarness.fetchedIds(audit, "uuid");
                assertThat(fetched).as("each event once in the raw audit").doesNotHaveDuplicates();
                assertThat(fetched).containsExactlyInAnyOrderElementsOf(uuids(events));
                assertThat(new HashSet<>(okta.served())).isEqualTo(new HashSet<>(uuids(events)));
                assertThat(okta.served().size())
                        .as("the restore fetched again what the checkpoint did not hold")
                        .isGreaterThan(EVENTS);
                assertThat(detectedEvents(audit)).containsExactlyInAnyOrderElementsOf(denied);
                assertThat(okta.faults().played()).as("every scripted fault was met").isEqualTo(6);
                assertThat(IntegrationJobHarness.SEEN.get(runId).get()).isGreaterThanOrEqualTo(100);
                assertThat(statuses(audit))
                        .as("answered, down from the third failure in a row, then recovered")
                        .containsSubsequence("accepted", "vendor_down", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> uuids(List<String> events) {
        return events.stream().map(e -> field(e, "uuid")).collect(Collectors.toList());
    }

    static List<String> deniedPushes(List<String> events) {
        return events.stream()
                .filter(e -> e.contains("user.mfa.okta_verify.deny_push"))
                .map(e -> field(e, "uuid"))
                .collect(Collectors.toList());
    }

    static List<String> detectedEvents(Path audit) {
        List<String> ids = new ArrayList<>();
        for (JsonNode d : IntegrationJobHarness.audit(audit, AuditStage.DETECTIONS)) {
            d.path("event_uids").forEach(u -> ids.add(u.asText()));
        }
        return ids;
    }

    /** The integrations' statuses in the order they were made (audit files are not in order). */
    static List<String> statuses(Path audit) {
        return IntegrationJobHarness.audit(audit, AuditStage.RULE_STATUS).stream()
                .filter(s -> s.path("rule_id").asText().startsWith("integration/"))
                .sorted(Comparator.comparingLong(s -> s.path("time").asLong()))
                .map(s -> s.path("status").asText())
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
