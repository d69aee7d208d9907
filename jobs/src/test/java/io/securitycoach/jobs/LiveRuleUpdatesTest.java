package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import io.securitycoach.schema.Json;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.CollectingSink;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import io.securitycoach.testing.QueueSource;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules change while events flow: the test drives the control stream and the event stream step by
 * step (each waits for the job's answer to the previous one) and checks detections and rule status.
 */
class LiveRuleUpdatesTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static final QueueSource<ControlMessage> CONTROL = QueueSource.of(ControlMessage.class);
    static final QueueSource<RawEvent> EVENTS = QueueSource.of(RawEventTypeInfo.INSTANCE);
    static final CollectingSink<AuditRecord> AUDIT = new CollectingSink<>();

    private static List<JsonNode> audit(String stage) {
        return AUDIT.values(r -> r.stage.equals(stage)).stream()
                .map(
                        r -> {
                            try {
                                return Json.mapper().readTree(r.text());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .collect(Collectors.toList());
    }

    /** The first record of the stage from index {@code from} on that matches. */
    private static JsonNode await(String stage, int from, Predicate<JsonNode> match)
            throws Exception {
        return Await.value(
                "a " + stage + " record that matches",
                Duration.ofSeconds(30),
                () -> {
                    List<JsonNode> records = audit(stage);
                    return records.subList(Math.min(from, records.size()), records.size()).stream()
                            .filter(match)
                            .findFirst()
                            .orElse(null);
                },
                () -> "have " + audit(stage));
    }

    private static String rule(long version, String category, String extra) {
        return "id: sites\norg: acme\nversion: "
                + version
                + "\nwhen: event.class == 'web' && event.url_category == '"
                + category
                + "'\n"
                + extra
                + "coach: {module: m, channels: [webhook], message: 'Hi {first_name}."
                + " {summary}'}\n";
    }

    private static RawEvent visit(String id, String category) {
        String json =
                "{\"recordid\": \""
                        + id
                        + "\", \"epochtime\": 1795170000, \"user\": \"alice@acme.com\","
                        + " \"url\": \"site.example/"
                        + id
                        + "\", \"urlcategory\": \""
                        + category
                        + "\", \"action\": \"Allowed\"}";
        return new RawEvent("acme", "zscaler", json, "test:" + id, System.currentTimeMillis());
    }

    private static JsonNode control(ControlMessage m, String expectedStatus) throws Exception {
        int before = audit(AuditStage.RULE_STATUS).size();
        CONTROL.add(m);
        JsonNode status = await(AuditStage.RULE_STATUS, before, s -> true);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo(expectedStatus);
        return status;
    }

    private static JsonNode detected(String eventId) throws Exception {
        return await(
                AuditStage.DETECTIONS, 0, d -> d.get("event_uids").get(0).asText().equals(eventId));
    }

    @Test
    void rulesChangeWhileEventsFlow() throws Exception {
        StreamExecutionEnvironment env = JobEnvironment.create();
        env.setBufferTimeout(5);
        JobSources sources =
                new JobSources() {
                    @Override
                    public DataStream<RawEvent> events(StreamExecutionEnvironment e) {
                        return EVENTS.stream(e);
                    }

                    @Override
                    public DataStream<String> users(StreamExecutionEnvironment e) {
                        return e.fromData(
                                List.of(
                                        "{\"org_id\": \"acme\", \"user_id\": \"u-1\", \"email\":"
                                                + " \"alice@acme.com\", \"first_name\": \"Alice\","
                                                + " \"version\": 1}"),
                                Types.STRING);
                    }

                    @Override
                    public DataStream<ControlMessage> control(StreamExecutionEnvironment e) {
                        return CONTROL.stream(e);
                    }
                };
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            JobSettings settings = new JobSettings();
            settings.notifier =
                    DevSecrets.create(Files.createTempDirectory("secrets"))
                            .applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
            CoachJob.build(
                    env, sources, audit -> audit.sinkTo(AUDIT).name("Memory audit"), settings);
            JobClient job = env.executeAsync("live-rules");

            control(ControlMessage.upsert("acme", rule(1, "Gambling", ""), "v1"), "accepted");
            control(ControlMessage.snapshotEnd("initial"), "ready");
            EVENTS.add(visit("e1", "Gambling"));
            assertThat(detected("e1").get("mode").asText()).isEqualTo("live");

            control(
                    ControlMessage.change(ControlMessage.RULE_STAGE, "acme", "sites", 2, "api"),
                    "accepted");
            EVENTS.add(visit("e2", "Gambling"));
            JsonNode staged = detected("e2");
            assertThat(staged.get("mode").asText() + " v" + staged.get("rule_version").asLong())
                    .isEqualTo("staged v2");

            control(
                    ControlMessage.change(ControlMessage.RULE_PROMOTE, "acme", "sites", 3, "api"),
                    "accepted");
            EVENTS.add(visit("e3", "Gambling"));
            assertThat(detected("e3").get("mode").asText()).isEqualTo("live");

            JsonNode rejected =
                    control(
                            ControlMessage.upsert("acme", rule(4, "Adult' &&", ""), "broken"),
                            "rejected");
            assertThat(rejected.get("active_version").asLong()).as("v3 stays live").isEqualTo(3);
            control(ControlMessage.upsert("acme", rule(2, "Adult", ""), "old"), "stale");
            control(ControlMessage.upsert("acme", rule(5, "Adult", ""), "v5"), "accepted");
            EVENTS.add(visit("e4", "Gambling"));
            EVENTS.add(visit("e5", "Adult"));
            assertThat(detected("e5").get("rule_version").asLong()).isEqualTo(5);

            // org settings are answered by the notification planner, one status per message
            control(
                    ControlMessage.orgSettings(
                            "acme", 1, "{\"branding\": {\"company\": \"Acme\"}}", "settings-v1"),
                    "accepted");
            control(
                    ControlMessage.orgSettings(
                            "acme", 1, "{\"branding\": {\"company\": \"Old\"}}", "settings-old"),
                    "stale");

            // the control intake: every message names its org, and a rule only its own org (issue
            // 12, finding 8)
            JsonNode noOrg =
                    control(ControlMessage.upsert(rule(6, "Gambling", ""), "no-org"), "rejected");
            assertThat(noOrg.get("errors").get(0).asText()).startsWith("org_id: org id missing");
            JsonNode otherOrg =
                    control(
                            ControlMessage.upsert("globex", rule(6, "Gambling", ""), "other-org"),
                            "rejected");
            assertThat(otherOrg.get("errors").get(0).asText())
                    .contains("names org 'acme' but was sent for org 'globex'");
            assertThat(otherOrg.get("org_id").asText()).isEqualTo("globex");
            JsonNode badOrg =
                    control(
                            ControlMessage.orgSettings("../../x y", 1, "{}", "bad-org"),
                            "rejected");
            assertThat(badOrg.has("org_id"))
                    .as("an invalid org id is not echoed as a tenant")
                    .isFalse();
            control(ControlMessage.delete(null, "sites", 6, "no-org-delete"), "rejected");
            String acmeFeed =
                    "parser: feed-x\norg: acme\nversion: 1\nclass: web\nfields:\n"
                            + "  event_time: {path: t}\n  actor: {path: u}\n";
            control(
                    ControlMessage.parserUpsert("globex", acmeFeed, "parser-for-another-org"),
                    "rejected");
            // so v5 is still live: none of the refused messages applied anything
            control(ControlMessage.delete("acme", "sites", 5, "api"), "deleted");
            EVENTS.add(visit("e6", "Adult"));
            EVENTS.end();
            CONTROL.end();
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);

            assertThat(audit(AuditStage.DETECTIONS))
                    .extracting(
                            d ->
                                    d.get("event_uids").get(0).asText()
                                            + " v"
                                            + d.get("rule_version").asLong()
                                            + " "
                                            + d.get("mode").asText())
                    .containsExactly("e1 v1 live", "e2 v2 staged", "e3 v3 live", "e5 v5 live");
            assertThat(receiver.accepted())
                    .extracting(b -> b.get("event_uids").get(0).asText())
                    .as("the staged detection coached nobody")
                    .containsExactlyInAnyOrder("e1", "e3", "e5");
        }
    }
}
