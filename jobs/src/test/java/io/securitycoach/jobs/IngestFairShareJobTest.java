package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.normalize.IngestQuota;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.CollectingSink;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, finding 5, inside the job, written as the attacker: globex's only input is a drop of
 * {@link #DROP} records in several files, dropped while the job runs; zenith's single risky event
 * is dropped once globex is over its rate (as in production: the drop is being read). With the
 * ingestion fair share (burst {@link #BURST}, then {@link #RATE} records/s, at most {@link
 * #MAX_DEFERRED} waiting) globex's backlog waits in keyed state, not in the queues zenith's event
 * passes through: measured by order, not time, at most {@link #BURST} plus {@link #SLACK} of
 * globex's events are processed before zenith's (its position among every event the audit
 * receives). zenith gets the same detection and delivery as in a run without globex, globex gets a
 * quota_exceeded status, and every one of its records is either processed or a dead letter
 * quota_exceeded with its bytes.
 */
class IngestFairShareJobTest {
    private static final int DROP = 30_000;
    private static final int FILES = 6;
    private static final int BURST = 500;
    private static final int RATE = 1_000;
    private static final int MAX_DEFERRED = 5_000;

    /**
     * What may pass besides the burst before zenith's event: refills while its file is found (every
     * 200 ms), read, and its event travels (three seconds at the rate; 2,201 once measured here).
     * Without the quota 7,169 of globex's 30,000 events went first in the same setting, a number
     * that grows with the drop; with it the count does not.
     */
    private static final int SLACK = 3 * RATE;

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void oneOrgsHugeDropDoesNotQueueAheadOfAnotherOrgsRiskyEvent() throws Exception {
        Run baseline = run(out.resolve("baseline"), false);
        Run attacked = run(out.resolve("attacked"), true);

        assertThat(baseline.victimDetections).hasSize(1);
        assertThat(attacked.victimDetections).isEqualTo(baseline.victimDetections);
        assertThat(attacked.victimDeliveries)
                .isEqualTo(baseline.victimDeliveries)
                .containsExactly("delivered");
        assertThat(attacked.attackerEventsBeforeVictim)
                .as("globex's events processed before zenith's one event")
                .isLessThanOrEqualTo(BURST + SLACK);
        assertThat(attacked.attackerEvents + attacked.attackerQuotaDeadLetters)
                .as("every globex record processed or a dead letter, none lost")
                .isEqualTo(DROP);
        assertThat(attacked.attackerQuotaDeadLetters)
                .as("more than the burst and the deferred limit arrived at once")
                .isPositive();
        assertThat(attacked.attackerStatuses).contains(IngestQuota.EXCEEDED);
        assertThat(baseline.attackerStatuses).isEmpty();
    }

    private Run run(Path dir, boolean withAttacker) throws Exception {
        Path events = dir.resolve("events");
        Path users = dir.resolve("users");
        Files.createDirectories(users);
        List<String> directory = new ArrayList<>();
        directory.add(
                "{\"org_id\": \"zenith\", \"user_id\": \"zenith-1\", \"email\":"
                        + " \"ann@zenith.example\", \"first_name\": \"Ann\", \"version\": 1}");
        for (int u = 0; u < 100; u++) { // globex's people are known: its events go straight on
            directory.add(
                    "{\"org_id\": \"globex\", \"user_id\": \"g-"
                            + u
                            + "\", \"email\": \"bo"
                            + u
                            + "@globex.example\", \"version\": 1}");
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        List<ControlMessage> control = new ArrayList<>();
        setUp(events, "zenith", control);
        setUp(events, "globex", control);
        control.add(ControlMessage.snapshotEnd("test"));
        return execute(events, users, control, withAttacker);
    }

    /** globex's drop: {@link #DROP} harmless records in {@link #FILES} files. */
    private static void dropAttack(Path events) throws IOException {
        List<String> drop = new ArrayList<>();
        for (int i = 0; i < DROP; i++) {
            drop.add(line(i, "bo" + (i % 100) + "@globex.example", "News"));
        }
        for (int f = 0; f < FILES; f++) {
            drop(
                    events,
                    "globex",
                    "drop-" + f,
                    drop.subList(f * DROP / FILES, (f + 1) * DROP / FILES));
        }
    }

    /** An org's parsing configuration and rule, and its drop folder. */
    private static void setUp(Path events, String org, List<ControlMessage> c) throws IOException {
        Files.createDirectories(events.resolve(org + "/web-feed"));
        c.add(ControlMessage.parserUpsert(org, parser(org), org + ".yaml"));
        c.add(
                ControlMessage.upsert(
                        org,
                        "id: gambling\norg: "
                                + org
                                + "\nversion: 1\nwhen: 'event.url_category == \"Gambling\"'\n"
                                + "coach: {module: acceptable-use-101, channels: [webhook]}\n",
                        org));
    }

    /** Written under a hidden name, then renamed: the source sees the whole file or none. */
    private static void drop(Path events, String org, String name, List<String> lines)
            throws IOException {
        Path hidden = events.resolve(org + "/web-feed/." + name);
        Files.write(hidden, lines);
        Files.move(hidden, hidden.resolveSibling(name + ".jsonl"));
    }

    /**
     * Runs the job on watched folders: the victim's one event is dropped while the attacker's drop
     * is being processed (its first event audited), as it would arrive in production.
     */
    private static Run execute(
            Path events, Path users, List<ControlMessage> control, boolean withAttacker)
            throws Exception {
        CollectingSink<AuditRecord> audit = new CollectingSink<>();
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = JobEnvironment.create(new Configuration());
            JobSettings settings = new JobSettings();
            settings.notifier = NotifierSettings.allChannelsTo(receiver.baseUrl());
            settings.ingestRate = RATE;
            settings.ingestBurst = BURST;
            settings.ingestMaxDeferred = MAX_DEFERRED;
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(events.toUri().toString()),
                            users.toUri().toString(),
                            control,
                            Duration.ofMillis(200)),
                    stream -> stream.sinkTo(audit).uid("audit-sink").name("Audit (collected)"),
                    settings);
            JobClient job = env.executeAsync("ingest-fair-share");
            try {
                // zenith's harmless first event: the pipeline is up (directory read) once audited
                drop(events, "zenith", "probe", List.of(line(0, "ann@zenith.example", "News")));
                Await.until(
                        "the pipeline is up",
                        Duration.ofMinutes(2),
                        () -> new Run(audit.values()).victimEvents > 0);
                if (withAttacker) {
                    dropAttack(events);
                    Await.until(
                            "globex is over its rate",
                            Duration.ofMinutes(2),
                            () -> new Run(audit.values()).attackerQuotaDeadLetters > 0);
                }
                drop(events, "zenith", "risky", List.of(line(1, "ann@zenith.example", "Gambling")));
                Await.until(
                        "zenith's delivery",
                        Duration.ofMinutes(2),
                        () -> !new Run(audit.values()).victimDeliveries.isEmpty());
                Await.until(
                        "every globex record processed or a dead letter",
                        Duration.ofMinutes(2),
                        () -> {
                            Run r = new Run(audit.values());
                            return r.attackerEvents + r.attackerQuotaDeadLetters
                                    == (withAttacker ? DROP : 0);
                        });
            } finally {
                job.cancel().get();
            }
        }
        return new Run(audit.values());
    }

    private static String line(int i, String user, String category) {
        return "{\"ts\": "
                + (1_795_168_800_000L + i)
                + ", \"user\": \""
                + user
                + "\", \"url\": \"https://site.example/"
                + i
                + "\", \"cat\": \""
                + category
                + "\"}";
    }

    private static String parser(String org) {
        return "parser: web-feed\norg: "
                + org
                + "\nversion: 1\nclass: web\nrecognize: [ts, user, url]\nfields:\n"
                + "  event_time: {path: ts, format: epoch_millis}\n"
                + "  actor: {path: user}\n  url: {path: url}\n  url_category: {path: cat}\n";
    }

    /** What one run's audit received, in arrival order. */
    private static final class Run {
        final List<String> victimDetections = new ArrayList<>();
        final List<String> victimDeliveries = new ArrayList<>();
        final List<String> attackerStatuses = new ArrayList<>();
        int attackerEventsBeforeVictim = -1;
        int victimEvents;
        int attackerEvents;
        int attackerQuotaDeadLetters;

        Run(List<AuditRecord> records) {
            for (AuditRecord r : records) {
                boolean victim = "zenith".equals(r.orgId);
                switch (r.stage) {
                    case AuditStage.EVENTS:
                        if (victim) {
                            victimEvents++;
                            if (r.text().contains("Gambling") && attackerEventsBeforeVictim < 0) {
                                attackerEventsBeforeVictim = attackerEvents;
                            }
                        } else {
                            attackerEvents++;
                        }
                        break;
                    case AuditStage.DETECTIONS:
                        if (victim) {
                            victimDetections.add(json(r).path("detection_id").asText());
                        }
                        break;
                    case AuditStage.DELIVERIES:
                        if (victim) {
                            victimDeliveries.add(json(r).path("status").asText());
                        }
                        break;
                    case AuditStage.DEAD_LETTERS:
                        if (!victim
                                && IngestQuota.EXCEEDED.equals(json(r).path("reason").asText())) {
                            attackerQuotaDeadLetters++;
                        }
                        break;
                    case AuditStage.RULE_STATUS:
                        if (!victim && json(r).path("source").asText().equals(IngestQuota.STAGE)) {
                            attackerStatuses.add(json(r).path("status").asText());
                        }
                        break;
                    default:
                }
            }
            victimDetections.sort(null);
        }

        private static JsonNode json(AuditRecord r) {
            try {
                return JSON.readTree(r.text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
