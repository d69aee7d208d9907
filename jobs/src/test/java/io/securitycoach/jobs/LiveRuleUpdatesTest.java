package io.securitycoach.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules change while events flow: the test drives the control stream and the event stream step by
 * step (each waits for the job's answer to the previous one) and checks detections and rule status.
 */
class LiveRuleUpdatesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final BlockingQueue<Object> CONTROL = new LinkedBlockingQueue<>();
    static final BlockingQueue<Object> EVENTS = new LinkedBlockingQueue<>();
    static final String END = "end";
    static final List<AuditRecord> AUDIT = new ArrayList<>();

    /** Emits what the test puts in its queue, until told to end. */
    static final class Player<T> implements FlatMapFunction<Long, T> {
        private final boolean control;

        Player(boolean control) {
            this.control = control;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void flatMap(Long ignored, Collector<T> out) throws Exception {
            BlockingQueue<Object> queue = control ? CONTROL : EVENTS;
            for (Object item = queue.take(); item != END; item = queue.take()) {
                out.collect((T) item);
            }
        }
    }

    /** Collects the audit trail in memory. */
    static final class MemorySink implements Sink<AuditRecord> {
        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<AuditRecord> createWriter(Sink.InitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(AuditRecord r, Context c) {
                    synchronized (AUDIT) {
                        AUDIT.add(r);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    private static List<JsonNode> audit(String stage) {
        synchronized (AUDIT) {
            return AUDIT.stream().filter(r -> r.stage.equals(stage)).map(r -> {
                try {
                    return Json.mapper().readTree(r.text());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toList());
        }
    }

    private static JsonNode await(String stage, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode n : audit(stage)) {
                if (match.test(n)) {
                    return n;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + stage + " record matched within 30 s; have " + audit(stage));
    }

    private static String rule(long version, String category, String extra) {
        return "id: sites\norg: acme\nversion: " + version + "\nwhen: event.class == 'web' && event.url_category == '"
                + category + "'\n" + extra + "coach: {module: m, channels: [webhook], message: 'Hi {first_name}. {summary}'}\n";
    }

    private static RawEvent visit(String id, String category) {
        String json = "{\"recordid\": \"" + id + "\", \"epochtime\": 1795170000, \"user\": \"alice@acme.com\","
                + " \"url\": \"site.example/" + id + "\", \"urlcategory\": \"" + category + "\", \"action\": \"Allowed\"}";
        return new RawEvent("acme", "zscaler", json, "test:" + id, System.currentTimeMillis());
    }

    private static JsonNode control(ControlMessage m, String expectedStatus) throws InterruptedException {
        int before = audit(AuditStage.RULE_STATUS).size();
        CONTROL.put(m);
        JsonNode status = await(AuditStage.RULE_STATUS, s -> audit(AuditStage.RULE_STATUS).indexOf(s) >= before);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo(expectedStatus);
        return status;
    }

    private static JsonNode detected(String eventId) throws InterruptedException {
        return await(AuditStage.DETECTIONS, d -> d.get("event_uids").get(0).asText().equals(eventId));
    }

    @Test
    void rulesChangeWhileEventsFlow() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.setBufferTimeout(5);
        JobSources sources = new JobSources() {
            @Override
            public DataStream<RawEvent> events(StreamExecutionEnvironment e) {
                return e.fromSequence(0, 0).flatMap(new Player<RawEvent>(false)).returns(RawEvent.class).setParallelism(1);
            }

            @Override
            public DataStream<String> users(StreamExecutionEnvironment e) {
                return e.fromData(List.of("{\"org_id\": \"acme\", \"user_id\": \"u-1\", \"email\": \"alice@acme.com\", "
                        + "\"first_name\": \"Alice\", \"version\": 1}"), Types.STRING);
            }

            @Override
            public DataStream<ControlMessage> control(StreamExecutionEnvironment e) {
                return e.fromSequence(0, 0).flatMap(new Player<ControlMessage>(true))
                        .returns(TypeInformation.of(ControlMessage.class)).setParallelism(1);
            }
        };
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            JobSettings settings = new JobSettings();
            settings.notifier = DevSecrets.create(java.nio.file.Files.createTempDirectory("secrets"))
                    .applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
            CoachJob.build(env, sources, audit -> audit.sinkTo(new MemorySink()).name("Memory audit"), settings);
            JobClient job = env.executeAsync("live-rules");

            control(ControlMessage.upsert("acme", rule(1, "Gambling", ""), "v1"), "accepted");
            control(ControlMessage.snapshotEnd("initial"), "ready");
            EVENTS.put(visit("e1", "Gambling"));
            assertThat(detected("e1").get("mode").asText()).isEqualTo("live");

            control(ControlMessage.change(ControlMessage.RULE_STAGE, "acme", "sites", 2, "api"), "accepted");
            EVENTS.put(visit("e2", "Gambling"));
            JsonNode staged = detected("e2");
            assertThat(staged.get("mode").asText() + " v" + staged.get("rule_version").asLong()).isEqualTo("staged v2");

            control(ControlMessage.change(ControlMessage.RULE_PROMOTE, "acme", "sites", 3, "api"), "accepted");
            EVENTS.put(visit("e3", "Gambling"));
            assertThat(detected("e3").get("mode").asText()).isEqualTo("live");

            JsonNode rejected = control(ControlMessage.upsert("acme", rule(4, "Adult' &&", ""), "broken"), "rejected");
            assertThat(rejected.get("active_version").asLong()).as("v3 stays live").isEqualTo(3);
            control(ControlMessage.upsert("acme", rule(2, "Adult", ""), "old"), "stale");
            control(ControlMessage.upsert("acme", rule(5, "Adult", ""), "v5"), "accepted");
            EVENTS.put(visit("e4", "Gambling"));
            EVENTS.put(visit("e5", "Adult"));
            assertThat(detected("e5").get("rule_version").asLong()).isEqualTo(5);

            // the control intake: every message names its org, and a rule only its own org (issue 12, finding 8)
            JsonNode noOrg = control(ControlMessage.upsert(rule(6, "Gambling", ""), "no-org"), "rejected");
            assertThat(noOrg.get("errors").get(0).asText()).startsWith("org_id: org id missing");
            JsonNode otherOrg = control(ControlMessage.upsert("globex", rule(6, "Gambling", ""), "other-org"),
                    "rejected");
            assertThat(otherOrg.get("errors").get(0).asText())
                    .contains("names org 'acme' but was sent for org 'globex'");
            assertThat(otherOrg.get("org_id").asText()).isEqualTo("globex");
            JsonNode badOrg = control(ControlMessage.orgSettings("../../x y", 1, "{}", "bad-org"), "rejected");
            assertThat(badOrg.has("org_id")).as("an invalid org id is not echoed as a tenant").isFalse();
            control(ControlMessage.delete(null, "sites", 6, "no-org-delete"), "rejected");
            String acmeFeed = "parser: feed-x\norg: acme\nversion: 1\nclass: web\nfields:\n"
                    + "  event_time: {path: t}\n  actor: {path: u}\n";
            control(ControlMessage.parserUpsert("globex", acmeFeed, "parser-for-another-org"), "rejected");
            // so v5 is still live: none of the refused messages applied anything
            control(ControlMessage.delete("acme", "sites", 5, "api"), "deleted");
            EVENTS.put(visit("e6", "Adult"));
            EVENTS.put(END);
            CONTROL.put(END);
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);

            assertThat(audit(AuditStage.DETECTIONS)).extracting(d -> d.get("event_uids").get(0).asText()
                    + " v" + d.get("rule_version").asLong() + " " + d.get("mode").asText())
                    .containsExactly("e1 v1 live", "e2 v2 staged", "e3 v3 live", "e5 v5 live");
            assertThat(receiver.accepted()).extracting(b -> b.get("event_uids").get(0).asText())
                    .as("the staged detection coached nobody").containsExactlyInAnyOrder("e1", "e3", "e5");
        }
    }
}
