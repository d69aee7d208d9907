package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import io.securitycoach.schema.Json;
import io.securitycoach.standins.OktaEvents;
import io.securitycoach.standins.OktaStandIn;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.CollectingSink;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import io.securitycoach.testing.QueueSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrations managed on the control stream of a running job: added, paused, resumed, changed,
 * removed, each answered with a status; a base URL aiming at an internal address and an org naming
 * another org's credential are refused and fetch nothing.
 */
class IntegrationControlJobTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static final QueueSource<ControlMessage> CONTROL = QueueSource.of(ControlMessage.class);
    static final QueueSource<RawEvent> EVENTS = QueueSource.of(RawEventTypeInfo.INSTANCE);
    static final CollectingSink<AuditRecord> AUDIT = new CollectingSink<>();

    @TempDir static Path secrets;

    static List<JsonNode> statuses() {
        return AUDIT.values(r -> r.stage.equals(AuditStage.RULE_STATUS)).stream()
                .map(r -> read(r.text()))
                .filter(s -> s.path("rule_id").asText().startsWith("integration/"))
                .collect(Collectors.toList());
    }

    static long fetched(String org) {
        return AUDIT.values(r -> r.stage.equals(AuditStage.RAW)).stream()
                .map(r -> read(r.text()))
                .filter(r -> r.path("origin").asText().startsWith("integration:" + org + "/"))
                .count();
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ControlMessage message(String type, String org, long version, String payload) {
        ControlMessage m = new ControlMessage();
        m.type = type;
        m.orgId = org;
        m.ruleId = "okta";
        m.version = version;
        m.payload = payload;
        m.source = "api";
        return m;
    }

    /** Sends the message and returns the status it got. */
    static JsonNode send(ControlMessage m) throws Exception {
        int before = statuses().size();
        CONTROL.add(m);
        return Await.value(
                "the answer to " + m.type + " v" + m.version,
                Duration.ofSeconds(30),
                () -> {
                    List<JsonNode> s = statuses();
                    return s.subList(before, s.size()).stream()
                            .filter(
                                    j ->
                                            j.path("source").asText().equals("api")
                                                    && j.path("version").asLong() == m.version
                                                    && j.path("org_id").asText().equals(m.orgId))
                            .findFirst()
                            .orElse(null);
                },
                () -> "have " + statuses());
    }

    static String definition(String org, String baseUrl, String pageSize) {
        return "{\"base_url\": \""
                + baseUrl
                + "\", \"secret\": \"file:orgs/"
                + org
                + "/okta-token\","
                + " \"poll_interval\": \"100ms\", \"page_size\": "
                + pageSize
                + "}";
    }

    @Test
    void integrationsChangeWhileTheJobRuns() throws Exception {
        Files.createDirectories(secrets.resolve("orgs/acme"));
        Files.writeString(secrets.resolve("orgs/acme/okta-token"), "acme-token");
        StreamExecutionEnvironment env = JobEnvironment.create();
        JobSettings settings = IntegrationJobHarness.settings("http://127.0.0.1:9", secrets);
        JobSources sources =
                new JobSources() {
                    @Override
                    public DataStream<RawEvent> events(StreamExecutionEnvironment e) {
                        return EVENTS.stream(e); // none: the integrations bring them
                    }

                    @Override
                    public DataStream<String> users(StreamExecutionEnvironment e) {
                        return e.fromData(
                                List.of(
                                        "{\"org_id\": \"acme\", \"user_id\": \"u-1\", \"email\":"
                                                + " \"ana@acme.com\", \"version\": 1}"),
                                Types.STRING);
                    }

                    @Override
                    public DataStream<ControlMessage> control(StreamExecutionEnvironment e) {
                        return CONTROL.stream(e);
                    }
                };
        try (OktaStandIn okta =
                OktaStandIn.builder().apiToken("acme-token").rateLimit(100, 1000).start()) {
            Instant start = Instant.now().minusSeconds(600);
            okta.store(OktaEvents.generate("acme", List.of("ana@acme.com"), 30, start, 1));
            CoachJob.build(
                    env, sources, audit -> audit.sinkTo(AUDIT).name("Memory audit"), settings);
            JobClient job = env.executeAsync("integrations on the control stream");
            try {
                CONTROL.add(ControlMessage.snapshotEnd("initial"));
                String url = okta.baseUrl();
                assertThat(
                                send(message(
                                                ControlMessage.INTEGRATION_UPSERT,
                                                "acme",
                                                1,
                                                definition("acme", url, "10")))
                                        .path("status")
                                        .asText())
                        .isEqualTo("accepted");
                Await.until("30 fetched", Duration.ofSeconds(30), () -> fetched("acme") == 30);

                assertThat(
                                send(message(ControlMessage.INTEGRATION_PAUSE, "acme", 2, null))
                                        .path("status")
                                        .asText())
                        .isEqualTo("paused");
                okta.store(
                        OktaEvents.generate(
                                        "acme",
                                        List.of("ana@acme.com"),
                                        10,
                                        start.plusSeconds(100),
                                        2)
                                .subList(0, 10)
                                .stream()
                                .map(e -> e.replace("-4000-8000-", "-4000-8001-"))
                                .collect(Collectors.toList()));
                int servedWhilePaused = okta.served().size();
                Thread.sleep(500); // five poll intervals: a paused integration asks nothing
                assertThat(okta.served()).hasSize(servedWhilePaused);
                assertThat(fetched("acme")).isEqualTo(30);

                assertThat(
                                send(message(ControlMessage.INTEGRATION_RESUME, "acme", 3, null))
                                        .path("status")
                                        .asText())
                        .isEqualTo("resumed");
                Await.until(
                        "the 10 stored while paused",
                        Duration.ofSeconds(30),
                        () -> fetched("acme") == 40);

                assertThat(
                                send(message(
                                                ControlMessage.INTEGRATION_UPSERT,
                                                "acme",
                                                4,
                                                definition("acme", url, "5")))
                                        .path("status")
                                        .asText())
                        .isEqualTo("accepted");
                assertThat(
                                send(message(
                                                ControlMessage.INTEGRATION_UPSERT,
                                                "acme",
                                                4,
                                                definition("acme", url, "5")))
                                        .path("status")
                                        .asText())
                        .isEqualTo("stale");
                assertThat(
                                send(message(ControlMessage.INTEGRATION_DELETE, "acme", 5, null))
                                        .path("status")
                                        .asText())
                        .isEqualTo("deleted");
                assertThat(
                                send(message(ControlMessage.INTEGRATION_PAUSE, "acme", 6, null))
                                        .path("errors")
                                        .toString())
                        .contains("no such integration");
                assertThat(fetched("acme"))
                        .as("the change kept the cursor: nothing fetched twice")
                        .isEqualTo(40);

                JsonNode ssrf =
                        send(
                                message(
                                        ControlMessage.INTEGRATION_UPSERT,
                                        "acme",
                                        7,
                                        definition("acme", "http://169.254.169.254", "5")));
                assertThat(ssrf.path("status").asText()).isEqualTo("rejected");
                assertThat(ssrf.path("errors").toString()).contains("base_url");
                JsonNode borrowed =
                        send(
                                message(
                                        ControlMessage.INTEGRATION_UPSERT,
                                        "globex",
                                        1,
                                        definition("acme", url, "5")));
                assertThat(borrowed.path("status").asText()).isEqualTo("rejected");
                assertThat(borrowed.path("errors").toString())
                        .contains("an org may only name its own secrets");
                assertThat(fetched("globex")).isZero();
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
