package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, findings 2 and 6, inside the job, written as the attacker (globex) would, with only its
 * own inputs: a rule comparing two fields with {@code contains} (about 10 s of CPU per event on
 * large records before the values were cut and string functions priced by length), threshold rules
 * counting distinct URLs (each kept every value in full), and 100 records with 512 KiB URLs. The
 * string rule is rejected with its price and place; the thresholds run on hashes; acme's detections
 * and deliveries, and globex's own valid rule's, equal a run without the attacker's inputs, with no
 * restart (restarts are off).
 */
class HostileRuleCostJobTest {
    private static final String[] ORGS = {"acme", "globex"};
    private static final int THRESHOLD_RULES = 10;
    private static final int LARGE_RECORDS = 100;

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void aTenantsCostlyRulesAndLargeRecordsLeaveTheOtherOrgsAsBefore() throws Exception {
        Run baseline = run(out.resolve("baseline"), false);
        Run hostile = run(out.resolve("hostile"), true);

        assertThat(baseline.detections).hasSize(4);
        assertThat(hostile.detections).isEqualTo(baseline.detections);
        assertThat(hostile.deliveries).hasSize(4).isEqualTo(baseline.deliveries);
        assertThat(hostile.deadLetters)
                .as("the large records are events that reach the thresholds, not dead letters")
                .isZero();
        assertThat(hostile.statuses)
                .anySatisfy(
                        s ->
                                assertThat(s)
                                        .startsWith(
                                                "globex/two-fields rejected when: estimated worst"
                                                        + " case 16,777,296 steps per event alone,"
                                                        + " at most 2,048,000; the costliest part:"
                                                        + " contains at 1:19"));
        assertThat(
                        hostile.statuses.stream()
                                .filter(s -> s.matches("globex/distinct-\\d+ accepted ")))
                .as("the distinct thresholds are the attacker's to run")
                .hasSize(THRESHOLD_RULES);
    }

    private Run run(Path dir, boolean attacker) throws Exception {
        Path events = dir.resolve("events");
        Path users = dir.resolve("users");
        Files.createDirectories(users);
        List<String> directory = new ArrayList<>();
        List<ControlMessage> control = new ArrayList<>();
        for (String org : ORGS) {
            Files.createDirectories(events.resolve(org + "/web-feed"));
            Files.write(events.resolve(org + "/web-feed/feed.jsonl"), feed(org));
            for (String user : new String[] {"ann", "bo"}) {
                directory.add(
                        String.format(
                                "{\"org_id\": \"%s\", \"user_id\": \"%s-%s\", \"email\":"
                                    + " \"%s@%s.example\", \"first_name\": \"%s\", \"version\": 1}",
                                org, org, user, user, org, user));
            }
            control.add(ControlMessage.parserUpsert(org, parser(org), org + ".yaml"));
            control.add(
                    ControlMessage.upsert(
                            org,
                            rule(org, "gambling", "event.url_category == \"Gambling\"", ""),
                            org));
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        if (attacker) {
            attack(control, events.resolve("globex/web-feed/large.jsonl"));
        }
        control.add(ControlMessage.snapshotEnd("test"));
        return execute(dir, events, users, control);
    }

    /** Only globex's own inputs: its rules and its records. */
    private static void attack(List<ControlMessage> control, Path largeRecords) throws Exception {
        control.add(
                ControlMessage.upsert(
                        "globex",
                        rule("globex", "two-fields", "event.url.contains(event.threat_name)", ""),
                        "hostile"));
        for (int i = 0; i < THRESHOLD_RULES; i++) {
            control.add(
                    ControlMessage.upsert(
                            "globex",
                            rule(
                                    "globex",
                                    "distinct-" + i,
                                    "event.class == \"web\"",
                                    "threshold: {count: 1000, within: 24h, distinct: url}\n"),
                            "hostile"));
        }
        List<String> lines = new ArrayList<>();
        long t = 1_795_168_900_000L;
        for (int i = 0; i < LARGE_RECORDS; i++) {
            String url = "https://x.example/" + i + "/" + "a".repeat(512 * 1024);
            lines.add(line(t + i * 1_000L, "ann", "globex", url, "News"));
        }
        Files.write(largeRecords, lines);
    }

    private static Run execute(Path dir, Path events, Path users, List<ControlMessage> control)
            throws Exception {
        Path audit = dir.resolve("audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = JobEnvironment.create(conf);
            JobSettings settings = new JobSettings();
            settings.notifier = NotifierSettings.allChannelsTo(receiver.baseUrl());
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(events.toUri().toString()),
                            users.toUri().toString(),
                            control,
                            null),
                    AuditSinks.auditOnly(audit.toUri().toString()),
                    settings);
            env.execute("hostile-rule-cost");
            return new Run(audit, receiver.accepted());
        }
    }

    /** Each user visits a gambling site once and a news site once. */
    private static List<String> feed(String org) {
        List<String> lines = new ArrayList<>();
        long t = 1_795_168_800_000L;
        for (String user : new String[] {"ann", "bo"}) {
            lines.add(line(t += 60_000, user, org, "https://bet.example/" + user, "Gambling"));
            lines.add(line(t += 60_000, user, org, "https://news.example/" + user, "News"));
        }
        return lines;
    }

    private static String line(long time, String user, String org, String url, String category) {
        return String.format(
                "{\"ts\": %d, \"user\": \"%s@%s.example\", \"url\": \"%s\", \"cat\": \"%s\"}",
                time, user, org, url, category);
    }

    private static String parser(String org) {
        return "parser: web-feed\norg: "
                + org
                + "\nversion: 1\nclass: web\nrecognize: [ts, user, url]\nfields:\n"
                + "  event_time: {path: ts, format: epoch_millis}\n"
                + "  actor: {path: user}\n  url: {path: url}\n  threat_name: {path: url}\n"
                + "  url_category: {path: cat}\n";
    }

    private static String rule(String org, String id, String when, String extra) {
        return "id: "
                + id
                + "\norg: "
                + org
                + "\nversion: 1\nwhen: '"
                + when.replace("'", "''")
                + "'\n"
                + extra
                + "coach: {module: acceptable-use-101, channels: [webhook]}\n";
    }

    /** What one run produced, as comparable text. */
    private static final class Run {
        final List<String> detections;
        final List<String> deliveries;
        final List<String> statuses;
        final int deadLetters;

        Run(Path audit, List<JsonNode> accepted) {
            deadLetters = AuditTrail.read(audit, AuditStage.DEAD_LETTERS).size();
            detections =
                    AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                            .map(
                                    d ->
                                            String.join(
                                                    " ",
                                                    d.get("org_id").asText(),
                                                    d.get("rule_id").asText(),
                                                    d.get("user_id").asText(),
                                                    d.get("detection_id").asText()))
                            .sorted()
                            .collect(Collectors.toList());
            deliveries =
                    accepted.stream()
                            .map(
                                    m ->
                                            m.path("email").asText()
                                                    + " "
                                                    + m.path("notification_id").asText())
                            .sorted()
                            .collect(Collectors.toList());
            statuses =
                    AuditTrail.read(audit, AuditStage.RULE_STATUS).stream()
                            .map(Run::status)
                            .collect(Collectors.toList());
        }

        private static String status(JsonNode s) {
            List<String> errors = new ArrayList<>();
            s.path("errors").forEach(e -> errors.add(e.asText()));
            return s.path("org_id").asText()
                    + "/"
                    + s.path("rule_id").asText()
                    + " "
                    + s.path("status").asText()
                    + " "
                    + String.join("; ", errors);
        }
    }
}
