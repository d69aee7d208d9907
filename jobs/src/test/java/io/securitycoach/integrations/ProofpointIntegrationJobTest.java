package io.securitycoach.integrations;

import static io.securitycoach.integrations.IntegrationJobHarness.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.standins.ProofpointTapEvents;
import io.securitycoach.standins.ProofpointTapEvents.TapRecord;
import io.securitycoach.standins.ProofpointTapStandIn;
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
 * The Proofpoint TAP SIEM integration end to end on a MiniCluster: the poller fetches a three-hour
 * backfill from the local stand-in in windows of at most an hour, through its request budget (429s
 * with Retry-After), a 5xx burst, a slow answer, records published after their window was asked for
 * (caught by the overlap of the next windows), and a rotated secret (auth failed until the org's
 * secret file has the new one), while a task fails once in the middle and the job restores from its
 * last checkpoint. Every record the stand-in served is in the raw audit exactly once, with its
 * array's name as {@code feed}, and the detections are those of the records themselves, once each
 * (what a run without failures gives).
 */
class ProofpointIntegrationJobTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = IntegrationJobHarness.cluster();

    @TempDir static Path tmp;

    static String definition(String baseUrl) {
        return "{\"base_url\": \""
                + baseUrl
                + "\", \"client_id\": \"sp-acme\", \"secret\":"
                + " \"file:orgs/acme/tap-secret\", \"poll_interval\": \"500ms\","
                + " \"backfill\": \"3h\"}";
    }

    @Test
    void everyServedRecordIsAuditedOnceThroughFaultsLateRecordsARotatedSecretAndARestore()
            throws Exception {
        Path work = Files.createDirectories(tmp.resolve("tap"));
        Path secretFile = IntegrationJobHarness.secret(work, "tap-secret", "tap-s3cret");
        IntegrationJobHarness.users(work, "acme", PEOPLE);
        Path audit = work.resolve("audit");
        Instant now = Instant.now();
        List<TapRecord> backfill =
                ProofpointTapEvents.generate("bulk", PEOPLE, 200, now.minusSeconds(10_700), 50);
        List<TapRecord> all = new ArrayList<>(backfill);
        try (ProofpointTapStandIn tap = new ProofpointTapStandIn("sp-acme", "tap-s3cret", 3, 1000);
                LocalReceiver receiver = LocalReceiver.builder().start()) {
            tap.store(backfill);
            tap.faults().burst(503, 3).slow(1, 500);
            JobSettings settings =
                    IntegrationJobHarness.settings(receiver.baseUrl(), work.resolve("secrets"));
            settings.notifier.secretsCacheMillis = 100; // a rotated secret is read again soon
            settings.integrations.maxResponseBytes = 48 * 1024; // an hour's answer is cut: halved
            List<ControlMessage> control =
                    IntegrationJobHarness.control(
                            IntegrationJobHarness.rule(
                                    "click-permitted",
                                    "event.vendor == \"proofpoint\""
                                            + " && event.activity == \"click_permitted\""),
                            IntegrationJobHarness.integration(
                                    "proofpoint", definition(tap.baseUrl())));
            StreamExecutionEnvironment env = IntegrationJobHarness.environment();
            String runId = "tap-" + System.nanoTime();
            IntegrationJobHarness.build(env, work, control, settings, audit, runId, 100);
            JobClient job = env.executeAsync("proofpoint integration");
            try {
                Await.until(
                        "the backfill audited",
                        Duration.ofSeconds(90),
                        () -> new HashSet<>(fetchedKeys(audit)).containsAll(keys(backfill)),
                        () ->
                                "have "
                                        + fetchedKeys(audit).size()
                                        + "; statuses "
                                        + IntegrationJobHarness.statuses(audit)
                                        + "; requests "
                                        + tap.requests()
                                        + ", served "
                                        + tap.served().size());
                Await.until(
                        "caught up with the settle line",
                        Duration.ofSeconds(60),
                        () -> tap.askedUpTo() > System.currentTimeMillis() - 75_000);
                // published late: times before the windows already asked for, within the overlap
                List<TapRecord> late =
                        ProofpointTapEvents.generate(
                                "late",
                                PEOPLE,
                                20,
                                Instant.ofEpochMilli(tap.askedUpTo()).minusSeconds(150),
                                4);
                all.addAll(late);
                tap.store(late); // published after their windows were asked for
                awaitAudited(audit, all, "the late records audited (the overlap)");

                tap.rotateSecret("tap-s3cret-2");
                Await.until(
                        "the old secret refused",
                        Duration.ofSeconds(60),
                        () -> IntegrationJobHarness.statuses(audit).contains("auth_failed"));
                List<TapRecord> after =
                        ProofpointTapEvents.generate(
                                "after", PEOPLE, 10, Instant.now().minusSeconds(100), 2);
                tap.store(after);
                all.addAll(after);
                Files.writeString(secretFile, "tap-s3cret-2");
                awaitAudited(audit, all, "the records after the new secret audited");

                ExactlyOnce.settle();
                ExactlyOnce.audited("record", fetchedKeys(audit), keys(all), tap.served());
                assertThat(tap.served().size())
                        .as("overlapping windows and the restore served records again")
                        .isGreaterThan(all.size());
                assertThat(tap.throttled()).as("the request budget was met").isPositive();
                assertThat(tap.largestAnswer())
                        .as("an hour's answer was over what the poller keeps: windows were halved")
                        .isGreaterThan(48 * 1024);
                assertThat(tap.faults().played()).as("every scripted fault was met").isEqualTo(4);
                ExactlyOnce.failedOnce(runId, 100);
                assertThat(IntegrationJobHarness.detectedEvents(audit))
                        .containsExactlyInAnyOrderElementsOf(permittedClicks(all));
                assertThat(IntegrationJobHarness.statuses(audit))
                        .as("answered, down from the third 503, recovered, refused, recovered")
                        .containsSubsequence(
                                "accepted", "vendor_down", "recovered", "auth_failed", "recovered");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitAudited(Path audit, List<TapRecord> expected, String what)
            throws Exception {
        Await.until(
                what,
                Duration.ofSeconds(90),
                () -> new HashSet<>(fetchedKeys(audit)).containsAll(keys(expected)),
                () -> "have " + fetchedKeys(audit).size() + " of " + expected.size());
    }

    static List<String> keys(List<TapRecord> records) {
        return records.stream().map(r -> r.key).collect(Collectors.toList());
    }

    static List<String> permittedClicks(List<TapRecord> records) {
        return records.stream()
                .filter(r -> r.array.equals("clicksPermitted"))
                .map(r -> r.key.substring(r.key.indexOf(':') + 1))
                .collect(Collectors.toList());
    }

    /** The raw audit's fetched TAP records as {@code feed:id} (clicks) or {@code feed:GUID}. */
    static List<String> fetchedKeys(Path audit) {
        return IntegrationJobHarness.fetchedPayloads(audit, "proofpoint").stream()
                .map(
                        r ->
                                r.path("feed").asText()
                                        + ":"
                                        + (r.has("clickTime")
                                                ? r.path("id").asText()
                                                : r.path("GUID").asText()))
                .collect(Collectors.toList());
    }
}
