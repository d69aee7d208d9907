package io.securitycoach.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A continuous job over a test folder: directory, rules and integration messages as the control
 * snapshot (the source stays open), the audit trail in files committed on checkpoints, and
 * optionally one task failure after a number of fetched records.
 */
final class IntegrationJobHarness {
    /** Fetched records seen by each failing map, per test run id (the job runs in this JVM). */
    static final ConcurrentHashMap<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    /** The org's people in every vendor test. */
    static final List<String> PEOPLE =
            List.of("ana@acme.com", "ben@acme.com", "cy@acme.com", "dee@acme.com", "eli@acme.com");

    private IntegrationJobHarness() {}

    /** One task manager with two slots: room for the job at parallelism two. */
    static MiniClusterExtension cluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** A rule for org acme that coaches over the webhook when {@code when} holds. */
    static String rule(String id, String when) {
        return "id: "
                + id
                + "\norg: acme\nversion: 1\nwhen: "
                + when
                + "\ncoach: {module: m, channels: [webhook], message: 'Hi {first_name}.'}\n";
    }

    /** Org acme's upsert of the {@code vendor} integration with its definition. */
    static ControlMessage integration(String vendor, String definitionJson) {
        ControlMessage m = new ControlMessage();
        m.type = ControlMessage.INTEGRATION_UPSERT;
        m.orgId = "acme";
        m.ruleId = vendor;
        m.version = 1;
        m.payload = definitionJson;
        m.source = "test";
        return m;
    }

    /** The control snapshot: the rule, the integration, the snapshot's end. */
    static List<ControlMessage> control(String rule, ControlMessage integration) {
        return List.of(
                ControlMessage.upsert("acme", rule, "rule"),
                integration,
                ControlMessage.snapshotEnd("test"));
    }

    /** Writes org acme's secret file {@code name} under {@code work/secrets}; returns its path. */
    static Path secret(Path work, String name, String value) throws IOException {
        Path file = Files.createDirectories(work.resolve("secrets/orgs/acme")).resolve(name);
        Files.writeString(file, value);
        return file;
    }

    static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        return env;
    }

    /**
     * Settings for local stand-ins: loopback allowed, short backoff, file secrets under {@code
     * secrets}.
     */
    static JobSettings settings(String receiverUrl, Path secrets) {
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo(receiverUrl);
        settings.notifier.secretsDir = secrets.toString();
        settings.integrations.allowLocal = true;
        settings.integrations.minBackoffMillis = 50;
        settings.integrations.maxBackoffMillis = 1000;
        settings.integrations.requestTimeoutMillis = 2000;
        settings.integrations.maxPagesPerPoll = 3;
        return settings;
    }

    static void build(
            StreamExecutionEnvironment env,
            Path work,
            List<ControlMessage> control,
            JobSettings settings,
            Path audit,
            String failRunId,
            int failAfter)
            throws IOException {
        Files.createDirectories(work.resolve("events"));
        FileJobSources sources =
                new FileJobSources(
                        List.of(work.resolve("events").toUri().toString()),
                        work.resolve("users").toUri().toString(),
                        control,
                        Duration.ofMillis(200));
        JobSinks files = AuditSinks.auditOnly(audit.toUri().toString());
        JobSinks sinks =
                failRunId == null
                        ? files
                        : stream ->
                                files.attach(
                                        stream.map(new FailOnce(failRunId, failAfter))
                                                .uid("fail-once")
                                                .name("Fail once"));
        CoachJob.build(env, sources, sinks, settings);
    }

    static void users(Path work, String org, List<String> emails) throws IOException {
        Files.createDirectories(work.resolve("users"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            lines.add(
                    "{\"org_id\": \""
                            + org
                            + "\", \"user_id\": \"u-"
                            + i
                            + "\", \"email\": \""
                            + emails.get(i)
                            + "\", \"first_name\": \"P"
                            + i
                            + "\", \"version\": 1}");
        }
        Files.write(work.resolve("users").resolve(org + ".jsonl"), lines);
    }

    static List<JsonNode> audit(Path audit, String stage) {
        return Files.isDirectory(audit) ? AuditTrail.read(audit, stage) : List.of();
    }

    /** The raw audit's records fetched by integrations, as their vendor ids. */
    static List<String> fetchedIds(Path audit, String idField) {
        return audit(audit, AuditStage.RAW).stream()
                .filter(r -> r.path("origin").asText().startsWith("integration:"))
                .map(r -> readId(r.path("payload").asText(), idField))
                .collect(Collectors.toList());
    }

    private static String readId(String payload, String idField) {
        return field(payload, idField);
    }

    /** The payloads of the raw audit's records fetched by the org's {@code vendor} integration. */
    static List<JsonNode> fetchedPayloads(Path audit, String vendor) {
        return audit(audit, AuditStage.RAW).stream()
                .filter(r -> r.path("origin").asText().startsWith("integration:acme/" + vendor))
                .map(r -> read(r.path("payload").asText()))
                .collect(Collectors.toList());
    }

    /** The event uids of every detection in the audit. */
    static List<String> detectedEvents(Path audit) {
        List<String> ids = new ArrayList<>();
        for (JsonNode d : audit(audit, AuditStage.DETECTIONS)) {
            d.path("event_uids").forEach(u -> ids.add(u.asText()));
        }
        return ids;
    }

    /** The integrations' statuses in the order they were made (audit files are not in order). */
    static List<String> statuses(Path audit) {
        return audit(audit, AuditStage.RULE_STATUS).stream()
                .filter(s -> s.path("rule_id").asText().startsWith("integration/"))
                .sorted(Comparator.comparingLong(s -> s.path("time").asLong()))
                .map(s -> s.path("status").asText())
                .collect(Collectors.toList());
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        return read(json).path(name).asText();
    }

    /** Each record's {@code name} field. */
    static List<String> fields(List<String> records, String name) {
        return records.stream().map(r -> field(r, name)).collect(Collectors.toList());
    }

    /** Fails its task once, when the run's {@code failAfter}-th fetched raw record passes. */
    static final class FailOnce implements MapFunction<AuditRecord, AuditRecord>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String runId;
        private final int failAfter;

        FailOnce(String runId, int failAfter) {
            this.runId = runId;
            this.failAfter = failAfter;
        }

        @Override
        public AuditRecord map(AuditRecord r) {
            if (AuditStage.RAW.equals(r.stage) && r.text().contains("integration:")) {
                int n = SEEN.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
                if (n == failAfter) {
                    throw new IllegalStateException(
                            "injected failure after " + n + " fetched records");
                }
            }
            return r;
        }
    }
}
