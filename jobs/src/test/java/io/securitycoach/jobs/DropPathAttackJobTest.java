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
import io.securitycoach.testing.ObjectKeysFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, finding 1, as the attacker: acme may write only below its own drop folder, and places
 * files there that name globex deeper ({@code acme/web-feed/globex/web-feed/x.jsonl}), step out
 * ({@code acme/../globex/...}, as an S3 key can), or hide the step in an encoded or backslashed
 * name. The files speak of globex's people and would fire globex's rule. On local files and on an
 * object store that lists as S3A does, globex's (and acme's own) detections, events and deliveries
 * equal a run without the attacker's files, and each of them is an {@code invalid_path} dead letter
 * of acme's, with its path.
 */
class DropPathAttackJobTest {
    private static final String[] ORGS = {"acme", "globex"};
    private static final long T0 = 1_795_168_800_000L;

    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    /** Where the drops are: a local folder or an object store, written as the orgs would. */
    private interface Drops {
        void put(String below, List<String> lines) throws IOException;

        String root();
    }

    @Test
    void localFilesOutsideTheLayoutAreDeadLettersAndGlobexIsCoachedAsWithoutThem()
            throws Exception {
        Run baseline = run(out.resolve("local-baseline"), local(out.resolve("a")), false);
        Run attacked = run(out.resolve("local-attacked"), local(out.resolve("b")), true);

        assertSameCoaching(baseline, attacked);
        assertThat(attacked.invalidPaths)
                .containsOnlyKeys(
                        "acme/web-feed/globex/web-feed/x.jsonl",
                        "acme/%2e%2e/globex/web-feed/x.jsonl",
                        "globex/web-feed/feed.jsonl")
                .allSatisfy((path, org) -> assertThat(org).isEqualTo("acme"));
    }

    @Test
    void objectKeysThatTraverseOrNestAreDeadLettersAndGlobexIsCoachedAsWithoutThem()
            throws Exception {
        Run baseline = run(out.resolve("keys-baseline"), keys("drops-baseline"), false);
        Run attacked = run(out.resolve("keys-attacked"), keys("drops-attacked"), true);

        assertSameCoaching(baseline, attacked);
        assertThat(attacked.invalidPaths)
                .as("each refused entry under the path it resolved to, filed under acme")
                .containsOnlyKeys(
                        "",
                        "acme",
                        "acme/web-feed/globex/web-feed/x.jsonl",
                        "acme/%2e%2e/globex/web-feed/z.jsonl",
                        "globex/web-feed/w.jsonl")
                .allSatisfy((path, org) -> assertThat(org).isEqualTo("acme"));
    }

    private static void assertSameCoaching(Run baseline, Run attacked) {
        assertThat(baseline.detections).hasSize(4);
        assertThat(attacked.detections).isEqualTo(baseline.detections);
        assertThat(attacked.events).isEqualTo(baseline.events);
        assertThat(attacked.deliveries).hasSize(4).isEqualTo(baseline.deliveries);
        assertThat(baseline.invalidPaths).isEmpty();
    }

    private Drops local(Path root) {
        return new Drops() {
            @Override
            public void put(String below, List<String> lines) throws IOException {
                Path file = root.resolve(below);
                Files.createDirectories(file.getParent());
                Files.write(file, lines);
            }

            @Override
            public String root() {
                return root.toUri().toString();
            }
        };
    }

    private static Drops keys(String bucket) {
        return new Drops() {
            @Override
            public void put(String below, List<String> lines) {
                ObjectKeysFileSystem.put(
                        bucket,
                        "in/" + below,
                        String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String root() {
                return ObjectKeysFileSystem.SCHEME + "://" + bucket + "/in";
            }
        };
    }

    private Run run(Path dir, Drops drops, boolean attack) throws Exception {
        Path users = dir.resolve("users");
        Files.createDirectories(users);
        List<String> directory = new ArrayList<>();
        List<ControlMessage> control = new ArrayList<>();
        for (String org : ORGS) {
            drops.put(org + "/web-feed/feed.jsonl", feed(org));
            for (String person : new String[] {"ann", "bo", "cy"}) {
                directory.add(person(org, person));
            }
            control.add(ControlMessage.parserUpsert(org, parser(org), org + ".yaml"));
            control.add(ControlMessage.upsert(org, rule(org), org));
        }
        Files.write(users.resolve("directory.jsonl"), directory);
        if (attack) {
            attack(drops, drops.root().startsWith(ObjectKeysFileSystem.SCHEME));
        }
        control.add(ControlMessage.snapshotEnd("test"));
        return execute(dir, drops.root(), users, control);
    }

    /** acme's files, each about globex's cy, who visits nothing risky in globex's own feed. */
    private static void attack(Drops drops, boolean objectStore) throws IOException {
        List<String> lines = List.of(line(T0 + 900_000, "cy", "globex", "Gambling"));
        drops.put("acme/web-feed/globex/web-feed/x.jsonl", lines);
        if (objectStore) {
            drops.put("acme/../globex/web-feed/x.jsonl", lines);
            drops.put("acme/web-feed/../../globex/web-feed/y.jsonl", lines);
            drops.put("acme/%2e%2e/globex/web-feed/z.jsonl", lines);
            drops.put("acme/web-feed\\..\\..\\globex\\web-feed\\w.jsonl", lines);
        } else {
            drops.put("acme/%2e%2e/globex/web-feed/x.jsonl", lines);
            // resolves to globex's own feed: refused where listed, read once from globex's folder
            drops.put("acme/extra/..\\..\\globex\\web-feed\\feed.jsonl", lines);
        }
    }

    private static Run execute(Path dir, String events, Path users, List<ControlMessage> control)
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
                    new FileJobSources(List.of(events), users.toUri().toString(), control, null),
                    AuditSinks.auditOnly(audit.toUri().toString()),
                    settings);
            env.execute("drop-path-attack");
            return new Run(audit, receiver.accepted(), events);
        }
    }

    /** ann and bo each visit a gambling site; cy does nothing risky. */
    private static List<String> feed(String org) {
        return List.of(
                line(T0, "ann", org, "Gambling"),
                line(T0 + 60_000, "bo", org, "Gambling"),
                line(T0 + 120_000, "cy", org, "News"));
    }

    private static String person(String org, String person) {
        return "{\"org_id\": \""
                + org
                + "\", \"user_id\": \""
                + org
                + "-"
                + person
                + "\", \"email\": \""
                + person
                + "@"
                + org
                + ".example\", \"version\": 1}";
    }

    private static String line(long time, String user, String org, String category) {
        return "{\"ts\": "
                + time
                + ", \"user\": \""
                + user
                + "@"
                + org
                + ".example\", \"url\": \"https://site.example/"
                + user
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

    private static String rule(String org) {
        return "id: gambling\norg: "
                + org
                + "\nversion: 1\nwhen: 'event.url_category == \"Gambling\"'\n"
                + "coach: {module: acceptable-use-101, channels: [webhook]}\n";
    }

    /** What one run produced, as comparable text; refused paths relative to the drop root. */
    private static final class Run {
        final List<String> detections;
        final List<String> events;
        final List<String> deliveries;
        final Map<String, String> invalidPaths;

        Run(Path audit, List<JsonNode> accepted, String root) {
            detections =
                    sorted(
                            AuditTrail.read(audit, AuditStage.DETECTIONS),
                            d -> d.get("org_id").asText() + " " + d.get("detection_id").asText());
            events =
                    sorted(
                            AuditTrail.read(audit, AuditStage.EVENTS),
                            e -> e.get("org_id").asText() + " " + e.get("event_uid").asText());
            deliveries =
                    sorted(
                            accepted,
                            m ->
                                    m.path("email").asText()
                                            + " "
                                            + m.path("notification_id").asText());
            String prefix = root.replaceFirst("^file:/+", "/").replaceFirst("/$", "");
            invalidPaths =
                    AuditTrail.read(audit, AuditStage.DEAD_LETTERS).stream()
                            .filter(d -> "invalid_path".equals(d.path("reason").asText()))
                            .collect(
                                    Collectors.toMap(
                                            d -> below(d.path("origin").asText(), prefix),
                                            d -> d.path("org_id").asText()));
        }

        private static String below(String origin, String root) {
            String path = origin.replaceFirst("^file:/+", "/").replaceFirst("/$", "");
            int at = path.indexOf(root);
            if (at < 0) {
                return path;
            }
            return path.length() <= at + root.length()
                    ? ""
                    : path.substring(at + root.length() + 1);
        }

        private static List<String> sorted(List<JsonNode> nodes, Function<JsonNode, String> text) {
            return nodes.stream().map(text).sorted().collect(Collectors.toList());
        }
    }
}
