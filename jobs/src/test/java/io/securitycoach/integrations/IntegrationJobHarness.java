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
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A continuous job over a test folder: directory, rules and integration messages as the control
 * snapshot (the source stays open), the audit trail in files committed on checkpoints, and
 * optionally one task failure after a number of fetched records.
 */
final class IntegrationJobHarness {
    /** Fetched records seen by each failing map, per test run id (the job runs in this JVM). */
    static final ConcurrentHashMap<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    private IntegrationJobHarness() {}

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
        try {
            return Json.mapper().readTree(payload).path(idField).asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
