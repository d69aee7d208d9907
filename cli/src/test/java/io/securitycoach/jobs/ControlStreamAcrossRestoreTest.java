package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.cli.CoachCli;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.LocalServers;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control stream from files stays open in a continuous run, so a stop-with-savepoint records
 * its source and the control intake as running, not finished. Both kinds of restore then work:
 * {@code ./coach run --bounded --from-savepoint} (sources of its own plugged into the intake) with
 * the restored rule live, and a continuous restore given a rules folder with a newer version of the
 * rule, which replaces the restored one.
 */
class ControlStreamAcrossRestoreTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir static Path work;
    private static String savepoint;
    private static LocalReceiver receiver;

    @AfterAll
    static void stopReceiver() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aBoundedRunRestoresTheSavepointOfAContinuousRunWithItsRules() throws Exception {
        Path events =
                visits(work.resolve("bounded-events"), "later.jsonl", visit("g2", "Gambling"));
        Path out = work.resolve("bounded-out");
        String restoreFrom = savepoint();
        TestStreamEnvironment
                .unsetAsContext(); // the command starts its own local cluster, as ./coach does
        int exit =
                CoachCli.commandLine()
                        .execute(
                                "run",
                                "--bounded",
                                "--from-savepoint",
                                restoreFrom,
                                "--events",
                                events.toString(),
                                "--out",
                                out.toString(),
                                "--web-port",
                                String.valueOf(LocalServers.freePort()));
        assertThat(exit).as("./coach run --bounded --from-savepoint").isZero();
        assertThat(detections(out.resolve("audit")))
                .as("the restored rule, version 1, detects")
                .containsExactly("sites v1 g2");
    }

    @Test
    void aContinuousRestoreAppliesANewRuleVersionOnTopOfTheRestoredRules() throws Exception {
        String restoreFrom = savepoint();
        Path audit = work.resolve("restored-audit");
        StreamExecutionEnvironment env = environment(restoreFrom);
        build(env, rules("v2", 2, "Adult"), audit);
        JobClient job = env.executeAsync("continuous restore with new rules");
        try {
            JsonNode status =
                    await(
                            audit,
                            AuditStage.RULE_STATUS,
                            s -> s.path("rule_id").asText().equals("sites"));
            assertThat(status.path("status").asText())
                    .as("%s", status)
                    .isEqualTo(ControlStatus.ACCEPTED);
            assertThat(status.path("version").asLong()).isEqualTo(2);
            // Dropped once version 2 is live, into the folder the restored source watches.
            visits(
                    work.resolve("events"),
                    "later.jsonl",
                    visit("g3", "Gambling"),
                    visit("a1", "Adult"));
            await(
                    audit,
                    AuditStage.DETECTIONS,
                    d -> d.path("event_uids").toString().contains("a1"));
            await(audit, AuditStage.EVENTS, e -> e.toString().contains("g3"));
            Thread.sleep(
                    1000); // a checkpoint more: g3's detection, were there one, would be committed
            assertThat(detections(audit))
                    .as("version 2 replaced version 1: no gambling detection")
                    .containsExactly("sites v2 a1");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Part one, once for both tests: a continuous run that detects, stopped with a savepoint. */
    private static synchronized String savepoint() throws Exception {
        if (savepoint != null) {
            return savepoint;
        }
        receiver = LocalReceiver.builder().start();
        Files.createDirectories(work.resolve("users"));
        Files.writeString(
                work.resolve("users/directory.jsonl"),
                "{\"org_id\": \"acme\", \"user_id\": \"u-1\", \"email\": \"alice@acme.com\","
                        + " \"first_name\": \"Alice\", \"version\": 1}\n");
        visits(work.resolve("events"), "first.jsonl", visit("g1", "Gambling"));
        Path audit = work.resolve("part-one-audit");
        StreamExecutionEnvironment env = environment(null);
        build(env, rules("v1", 1, "Gambling"), audit);
        JobClient job = env.executeAsync("continuous part one");
        await(audit, AuditStage.DETECTIONS, d -> d.path("event_uids").toString().contains("g1"));
        savepoint =
                job.stopWithSavepoint(
                                false,
                                work.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
        return savepoint;
    }

    private static void build(StreamExecutionEnvironment env, Path rules, Path audit) {
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo(receiver.baseUrl());
        JobSources sources =
                new FileJobSources(
                        List.of(work.resolve("events").toUri().toString()),
                        work.resolve("users").toUri().toString(),
                        RuleFiles.snapshot(rules),
                        Duration.ofMillis(200));
        CoachJob.build(env, sources, AuditSinks.auditOnly(audit.toUri().toString()), settings);
    }

    private static StreamExecutionEnvironment environment(String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (restoreFrom != null) {
            conf.set(
                    StateRecoveryOptions.SAVEPOINT_PATH,
                    restoreFrom); // every state must find its operator
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        return env;
    }

    private static Path rules(String folder, long version, String category) throws IOException {
        Path dir = Files.createDirectories(work.resolve("rules-" + folder));
        Files.writeString(
                dir.resolve("sites.yaml"),
                "id: sites\norg: acme\nversion: "
                        + version
                        + "\nwhen: event.class == 'web' && event.url_category == '"
                        + category
                        + "'\n"
                        + "coach: {module: m, channels: [webhook], message: 'Hi {first_name}."
                        + " {summary}'}\n");
        return dir;
    }

    private static Path visits(Path root, String file, String... lines) throws IOException {
        Path feed = Files.createDirectories(root.resolve("acme/zscaler"));
        // Written beside the watched folder and moved in whole: a running source that lists a
        // half-written file reads what is there and never looks at that path again.
        Path draft = Files.createTempFile(root.getParent(), "drop", ".tmp");
        Files.writeString(draft, String.join("\n", lines) + "\n");
        Files.move(draft, feed.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        return root;
    }

    private static String visit(String id, String category) {
        return "{\"recordid\": \""
                + id
                + "\", \"epochtime\": 1795170000, \"user\": \"alice@acme.com\", "
                + "\"url\": \"site.example/"
                + id
                + "\", \"urlcategory\": \""
                + category
                + "\", \"action\": \"Allowed\"}";
    }

    /** Each detection as "rule vVERSION event-ids". */
    private static List<String> detections(Path audit) {
        return AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                .map(
                        d ->
                                d.path("rule_id").asText()
                                        + " v"
                                        + d.path("rule_version").asLong()
                                        + " "
                                        + eventIds(d.path("event_uids")))
                .sorted()
                .collect(Collectors.toList());
    }

    private static String eventIds(JsonNode uids) {
        StringBuilder ids = new StringBuilder();
        uids.forEach(
                u ->
                        ids.append(ids.length() == 0 ? "" : ",")
                                .append(u.asText().replaceAll(".*[:/]", "")));
        return ids.toString();
    }

    private static JsonNode await(Path audit, String stage, Predicate<JsonNode> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode n : AuditTrail.read(audit, stage)) {
                if (match.test(n)) {
                    return n;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "no "
                        + stage
                        + " record matched within "
                        + WAIT
                        + "; have "
                        + AuditTrail.read(audit, stage));
    }
}
