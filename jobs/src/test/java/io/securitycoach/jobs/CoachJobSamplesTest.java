package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a MiniCluster over the bundled samples (the same inputs as {@code ./coach run}):
 * the exact detections, the exact deliveries at the receiver, and a dead letter with its reason for
 * every malformed line. Runs once for the class; each test checks one output.
 */
class CoachJobSamplesTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir static Path out;

    static LocalReceiver receiver;
    static Path audit;

    @BeforeAll
    static void runTheJobOnTheSamples() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        DevSecrets secrets = DevSecrets.create(out.resolve("secrets"));
        receiver =
                LocalReceiver.builder()
                        .record(out.resolve("receiver.jsonl"))
                        .signingSecret(secrets.signingSecretValue)
                        .start();
        audit = out.resolve("audit");

        StreamExecutionEnvironment env = JobEnvironment.create();
        env.enableCheckpointing(500);
        JobSettings settings = new JobSettings();
        settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
        JobSources sources =
                new FileJobSources(
                        List.of(samples.resolve("events").toUri().toString()),
                        samples.resolve("users").toUri().toString(),
                        RuleFiles.snapshot(samples.resolve("rules"), samples.resolve("parsers")),
                        null);
        CoachJob.build(env, sources, AuditSinks.auditOnly(audit.toUri().toString()), settings);
        env.execute("samples");
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    private static List<String> audit(String stage, Function<JsonNode, String> view) {
        return AuditTrail.read(audit, stage).stream()
                .map(view)
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void detectsExactlyTheRiskyActionsOfTheSamples() {
        List<String> detections =
                audit(
                        AuditStage.DETECTIONS,
                        d ->
                                d.get("org_id").asText()
                                        + " "
                                        + d.get("rule_id").asText()
                                        + " "
                                        + (d.hasNonNull("user_id")
                                                ? d.get("user_id").asText()
                                                : "unresolved:" + d.get("identity_key").asText())
                                        + " "
                                        + d.get("mode").asText());
        assertThat(detections)
                .containsExactly(
                        "acme finance-personal-cloud-upload u-1005 live", // Finance user uploads to
                        // Dropbox (Bob,
                        // Engineering, does not
                        // match)
                        "acme gambling-site u-1001 live", // Alice twice within 24h: suppressed to
                        // one
                        "acme gambling-site u-1003 live",
                        "acme gambling-site unresolved:contractor7@acme.com live", // not in the
                        // directory:
                        // detected, not
                        // coached
                        "acme malware-download-blocked u-1002 live", // ACME\bchen resolved through
                        // an alias
                        "acme mfa-push-denied u-1003 live", // four denied pushes, one per hour
                        "acme phishing-link-clicked u-1001 live", // from acme's own feed (parsing
                        // configuration)
                        "globex account-locked g-03 live",
                        "globex account-locked unresolved:alice.martin@acme.com live", // acme's
                        // user is
                        // unknown to
                        // globex
                        "globex gambling-site g-01 live", // from the auto-detected feed
                        "globex gambling-site unresolved:alice.martin@acme.com live",
                        "globex peer-to-peer g-02 live", // globex's own firewall feed, GLOBEX\\hito
                        "globex phishing-site g-02 live",
                        "globex social-media-apps g-02 staged", // GLOBEX\hito alias; staged:
                        // audited only
                        "globex social-media-apps g-04 staged");
    }

    @Test
    void deliversEachCoachingMessageOnceToItsChannel() {
        Map<String, String> ruleByDetection =
                AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                        .collect(
                                Collectors.toMap(
                                        d -> d.get("detection_id").asText(),
                                        d -> d.get("rule_id").asText()));
        List<String> received =
                receiver.accepted().stream()
                        .map(
                                b ->
                                        b.get("channel").asText()
                                                + " "
                                                + b.get("email").asText()
                                                + " "
                                                + ruleByDetection.get(
                                                        b.get("notification_id")
                                                                .asText()
                                                                .split(":")[0]))
                        .sorted()
                        .collect(Collectors.toList());
        assertThat(received)
                .containsExactly(
                        "slack alice.martin@acme.com gambling-site",
                        "slack alice.martin@acme.com phishing-link-clicked",
                        "slack carol.diaz@acme.com gambling-site",
                        "slack carol.diaz@acme.com mfa-push-denied",
                        "slack grace.hall@globex.io gambling-site",
                        "teams bob.chen@acme.com malware-download-blocked",
                        "teams henry.ito@globex.io peer-to-peer",
                        "teams henry.ito@globex.io phishing-site",
                        "webhook bob.chen@acme.com malware-download-blocked",
                        "webhook erin.fox@acme.com finance-personal-cloud-upload",
                        "webhook ivy.jones@globex.io account-locked");
        assertThat(receiver.acceptedCountsByKey().values()).containsOnly(1);
        JsonNode alice =
                receiver.accepted().stream()
                        .filter(
                                b ->
                                        b.get("email").asText().startsWith("alice")
                                                && b.get("text").asText().contains("(Gambling)"))
                        .findFirst()
                        .orElseThrow();
        assertThat(alice.get("text").asText())
                .startsWith("Hi Alice, a quick note")
                .contains("www[.]bet-and-win[.]example (Gambling)")
                .endsWith("https://learn.example.com/modules/acceptable-use-101");
    }

    @Test
    void everyNotificationEndsWithAStatus() {
        List<String> statuses =
                audit(
                        AuditStage.DELIVERIES,
                        s ->
                                s.get("status").asText()
                                        + (s.hasNonNull("reason")
                                                ? " " + s.get("reason").asText()
                                                : ""));
        Map<String, Long> counts =
                statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(counts)
                .containsOnly(
                        Map.entry("delivered", 11L),
                        Map.entry("skipped staged_rule", 2L),
                        Map.entry("skipped user_not_in_directory", 3L));
    }

    @Test
    void everyMalformedLineIsADeadLetterWithItsReason() {
        List<String> deadLetters =
                audit(
                        AuditStage.DEAD_LETTERS,
                        d ->
                                d.get("stage").asText()
                                        + " "
                                        + d.get("reason").asText()
                                        + " "
                                        + d.get("origin")
                                                .asText()
                                                .replaceAll("^.*/samples/events/", ""));
        assertThat(deadLetters)
                .containsExactly(
                        "directory invalid_json directory",
                        "directory missing_user_id directory",
                        "normalize invalid_json acme/okta/okta-system-log-2026-11-20.jsonl:11",
                        "normalize invalid_json acme/zscaler/zscaler-nss-web-2026-11-20.jsonl:20",
                        "normalize invalid_time acme/mimecast-email/mimecast-2026-11-20.jsonl:4",
                        "normalize invalid_time acme/zscaler/zscaler-nss-web-2026-11-20.jsonl:21",
                        "normalize invalid_time"
                                + " globex/generic-firewall/firewall-2026-11-20.jsonl:4",
                        "normalize missing_identity"
                                + " globex/generic-firewall/firewall-2026-11-20.jsonl:5",
                        "normalize missing_time acme/mimecast-email/mimecast-2026-11-20.jsonl:5",
                        "normalize missing_time acme/okta/okta-system-log-2026-11-20.jsonl:28",
                        "normalize not_an_object globex/okta/okta-system-log-2026-11-20.jsonl:9",
                        "normalize unrecognized_format globex/auto/mixed-feed.jsonl:3");
    }

    @Test
    void auditsEveryStage() {
        assertThat(AuditTrail.read(audit, AuditStage.RAW)).hasSize(85);
        List<JsonNode> events = AuditTrail.read(audit, AuditStage.EVENTS);
        assertThat(events).hasSize(75);
        JsonNode bobViaAlias =
                events.stream()
                        .filter(
                                e ->
                                        "ACME".equals(e.path("actor_domain").asText())
                                                && "bchen"
                                                        .equals(e.path("actor_user_name").asText()))
                        .findFirst()
                        .orElseThrow();
        assertThat(bobViaAlias.get("user_id").asText()).isEqualTo("u-1002");
        assertThat(bobViaAlias.at("/user/department").asText()).isEqualTo("Engineering");
        JsonNode alice =
                events.stream()
                        .filter(e -> "u-1001".equals(e.path("user_id").asText()))
                        .findFirst()
                        .orElseThrow();
        assertThat(alice.at("/user/title").asText())
                .as("newest directory version wins")
                .isEqualTo("Senior Accountant");
        assertThat(audit(AuditStage.RULE_STATUS, s -> s.get("status").asText()))
                .as("10 rules and 2 parsing configurations")
                .containsExactly(
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "accepted",
                        "ready");
    }
}
