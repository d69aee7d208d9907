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
 * Issue 12, findings 1 and 2, inside the job: one org (globex) sends the two inputs that used to
 * kill the task manager with OutOfMemoryError (a rule's {@code matches} and a parsing
 * configuration's regex that RE2/J expands to about 10^9 instructions) and a rule that fails at run
 * time. They are rejected or disabled with their reasons, the job runs to the end without a restart
 * (restarts are off: any failure would fail it), and the other two orgs get exactly the detections
 * and deliveries they get in a run without them.
 */
class HostileTenantJobTest {
    private static final String[] ORGS = {"acme", "globex", "initech"};
    private static final String FORTY = "[" + "1,".repeat(39) + "1]";

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void oneOrgsCrashInputsAreRefusedAndTheOtherOrgsAreCoachedAsWithoutThem() throws Exception {
        Run baseline = run(out.resolve("baseline"), false);
        Run hostile = run(out.resolve("hostile"), true);

        assertThat(baseline.detections).hasSize(6);
        assertThat(hostile.detections)
                .as("every org's detections, the hostile one's own valid rule included")
                .isEqualTo(baseline.detections);
        assertThat(hostile.deliveries).hasSize(6).isEqualTo(baseline.deliveries);
        assertThat(hostile.statuses)
                .contains(
                        "globex/regex-bomb rejected when at 1:19: regex too large once its"
                            + " repetitions are expanded (about 1000000000 instructions, at most"
                            + " 1000): use fewer or smaller {n,m} counts",
                        "globex/bomb-feed rejected hostile.yaml: fields.app.transform[0] at 8:32:"
                            + " regex too large once its repetitions are expanded (about 1000000000"
                            + " instructions, at most 1000): use fewer or smaller {n,m} counts");
        assertThat(hostile.statuses)
                .filteredOn(s -> s.startsWith("globex/loops disabled disabled at run time:"))
                .as(
                        "the rule that runs past its iteration limit is disabled, not retried on"
                                + " every event")
                .isNotEmpty()
                .allMatch(s -> s.contains("Iteration budget exceeded"));
    }

    private Run run(Path dir, boolean withHostileInputs) throws Exception {
        Path events = dir.resolve("events");
        Path users = dir.resolve("users");
        Files.createDirectories(users);
        List<String> directory = new ArrayList<>();
        List<ControlMessage> control = new ArrayList<>();
        for (String org : ORGS) {
            Files.createDirectories(events.resolve(org + "/web-feed"));
            Files.write(events.resolve(org + "/web-feed/feed.jsonl"), feed(org));
            directory.addAll(directory(org));
            String hostRegex = "{regex: '^https?://([^/]+)'}";
            control.add(
                    ControlMessage.parserUpsert(
                            org, parser(org, "web-feed", hostRegex), org + ".yaml"));
            control.add(
                    ControlMessage.upsert(
                            org, rule(org, "gambling", "event.url_category == \"Gambling\""), org));
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        if (withHostileInputs) {
            control.add(
                    ControlMessage.upsert(
                            "globex",
                            rule(
                                    "globex",
                                    "regex-bomb",
                                    "event.url.matches(\"((a{1000}){1000}){1000}\")"),
                            "hostile"));
            String bomb = "{regex: '(((){1000}){1000}){1000}'}";
            control.add(
                    ControlMessage.parserUpsert(
                            "globex", parser("globex", "bomb-feed", bomb), "hostile.yaml"));
            control.add(
                    ControlMessage.upsert(
                            "globex",
                            rule(
                                    "globex",
                                    "loops",
                                    "event.class == \"web\" && "
                                            + FORTY
                                            + ".all(x, "
                                            + FORTY
                                            + ".all(y, x == y))"),
                            "hostile"));
        }
        control.add(ControlMessage.snapshotEnd("test"));
        return execute(dir, events, users, control);
    }

    static Run execute(Path dir, Path events, Path users, List<ControlMessage> control)
            throws Exception {
        return execute(dir, events, users, control, new JobSettings());
    }

    static Run execute(
            Path dir, Path events, Path users, List<ControlMessage> control, JobSettings settings)
            throws Exception {
        Path audit = dir.resolve("audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            Configuration conf = new Configuration();
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY,
                    "none"); // a task failure fails the job, and the test
            StreamExecutionEnvironment env = JobEnvironment.create(conf);
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
            env.execute("hostile-tenant");
            return new Run(audit, receiver.accepted());
        }
    }

    /** Two people of {@code org}, ann and bo, as directory lines. */
    static List<String> directory(String org) {
        List<String> lines = new ArrayList<>();
        for (String[] person : new String[][] {{"1", "ann", "Ann"}, {"2", "bo", "Bo"}}) {
            lines.add(
                    "{\"org_id\": \""
                            + org
                            + "\", \"user_id\": \""
                            + org
                            + "-"
                            + person[0]
                            + "\", \"email\": \""
                            + person[1]
                            + "@"
                            + org
                            + ".example\", \"first_name\": \""
                            + person[2]
                            + "\", \"version\": 1}");
        }
        return lines;
    }

    /**
     * Two users, each with a gambling visit, a news visit and a URL of many a's (what the bombs
     * would chew on).
     */
    static List<String> feed(String org) {
        List<String> lines = new ArrayList<>();
        long t = 1_795_168_800_000L;
        for (String user : new String[] {"ann", "bo"}) {
            lines.add(line(t += 60_000, user, org, "https://bet.example/" + user, "Gambling"));
            lines.add(
                    line(
                            t += 60_000,
                            user,
                            org,
                            "https://news.example/" + "a".repeat(3000),
                            "News"));
        }
        return lines;
    }

    private static String line(long time, String user, String org, String url, String category) {
        return "{\"ts\": "
                + time
                + ", \"user\": \""
                + user
                + "@"
                + org
                + ".example\", \"url\": \""
                + url
                + "\", \"cat\": \""
                + category
                + "\"}";
    }

    static String parser(String org, String name, String appTransform) {
        return "parser: "
                + name
                + "\norg: "
                + org
                + "\nversion: 1\nclass: web\nrecognize: [ts, user, url]\nfields:\n"
                + "  event_time: {path: ts, format: epoch_millis}\n"
                + "  app: {path: url, transform: ["
                + appTransform
                + "]}\n"
                + "  actor: {path: user}\n  url: {path: url}\n  url_category: {path: cat}\n";
    }

    static String rule(String org, String id, String when) {
        return "id: "
                + id
                + "\norg: "
                + org
                + "\nversion: 1\nwhen: '"
                + when.replace("'", "''")
                + "'\n"
                + "coach: {module: acceptable-use-101, channels: [webhook]}\n";
    }

    /** What one run produced, as comparable text. */
    static final class Run {
        final List<String> detections;
        final List<String> deliveries;
        final List<String> statuses;

        Run(Path audit, List<JsonNode> accepted) {
            detections =
                    AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                            .map(
                                    d ->
                                            d.get("org_id").asText()
                                                    + " "
                                                    + d.get("rule_id").asText()
                                                    + " "
                                                    + d.get("user_id").asText()
                                                    + " "
                                                    + d.get("detection_id").asText())
                            .sorted()
                            .collect(Collectors.toList());
            deliveries =
                    accepted.stream()
                            .map(
                                    m ->
                                            m.path("channel").asText()
                                                    + " "
                                                    + m.path("email").asText()
                                                    + " "
                                                    + m.path("notification_id").asText())
                            .sorted()
                            .collect(Collectors.toList());
            statuses =
                    AuditTrail.read(audit, AuditStage.RULE_STATUS).stream()
                            .map(
                                    s ->
                                            s.path("org_id").asText()
                                                    + "/"
                                                    + s.path("rule_id").asText()
                                                    + " "
                                                    + s.path("status").asText()
                                                    + " "
                                                    + String.join("; ", errors(s)))
                            .collect(Collectors.toList());
        }

        private static List<String> errors(JsonNode status) {
            List<String> out = new ArrayList<>();
            status.path("errors").forEach(e -> out.add(e.asText()));
            return out;
        }
    }
}
