package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.testing.FlinkMiniCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect and erase on a savepoint of the upgrade scenario's part one (acme: ana, ben and nia's
 * held event, threshold progress, a suppression window, two rules). After an erasure inspect shows
 * nothing of whom it erased, and the job restored from the new savepoint no longer knows them, even
 * with the original savepoint deleted.
 */
class EraseSavepointTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();
    static final String BEN = "u-9002";

    @TempDir static Path work;

    static Path original;
    static List<JsonNode> originalPartTwo;

    @BeforeAll
    static void copyTheSavepointAndRunPartTwoFromIt() throws Exception {
        original =
                copy(
                        UpgradeScenario.FIXTURES.resolve("layout-1/hashmap"),
                        work.resolve("original"));
        originalPartTwo = partTwoDetections(original, "original");
    }

    @Test
    void inspectShowsOperatorsStateAndOrgs() throws Exception {
        JsonNode report = SavepointInspector.inspect(UpgradeScenario.uri(original), "hashmap");
        JsonNode detect = operator(report, "detect");
        assertThat(keyed(detect, "rule-progress").path("entries").asLong())
                .as("threshold progress")
                .isPositive();
        assertThat(keyed(detect, "rule-progress").path("serializer").asText())
                .contains("RuleProgress");
        assertThat(detect.path("saved_keyed_state").path("rule-progress").asText())
                .as("as the backend wrote it")
                .isEqualTo("MAP");
        JsonNode acme = report.path("orgs").path("acme");
        assertThat(acme.path("users").asLong()).as("ana and ben: %s", acme).isEqualTo(2);
        assertThat(acme.path("held_events").asLong())
                .as("nia's first denial waits: %s", acme)
                .isEqualTo(1);
        assertThat(acme.path("rules").findValuesAsText("rule_id")).hasSize(2);
        assertThat(report.path("size_bytes").asLong()).isGreaterThan(100_000);
        assertThat(report.path("unknown_operators"))
                .as("every operator of part one is in today's graph")
                .isEmpty();
    }

    @Test
    void erasingAnOrgLeavesNothingOfIt() throws Exception {
        Path erased = work.resolve("erased-org");
        Path from = copy(original, work.resolve("org-from"));
        SavepointEraser.erase(
                UpgradeScenario.uri(from),
                UpgradeScenario.uri(erased),
                EraseTarget.org("acme"),
                "hashmap");
        delete(from);
        JsonNode report = SavepointInspector.inspect(UpgradeScenario.uri(erased), "hashmap");
        assertThat(report.path("orgs").fieldNames())
                .toIterable()
                .as("orgs left: %s", report.path("orgs"))
                .isEmpty();
        assertThat(report.toString()).doesNotContain("\"acme\"");
        assertThat(operator(report, "directory-changes").path("keys").asLong()).isZero();

        assertThat(partTwoDetections(erased, "erased-org"))
                .as("no rules and nobody known: no detections")
                .isEmpty();
    }

    @Test
    void erasingAPersonKeepsEveryoneElse() throws Exception {
        Path erased = work.resolve("erased-ben");
        Path from = copy(original, work.resolve("ben-from"));
        SavepointEraser.erase(
                UpgradeScenario.uri(from),
                UpgradeScenario.uri(erased),
                EraseTarget.user("acme/" + BEN),
                "hashmap");
        delete(from);
        JsonNode report = SavepointInspector.inspect(UpgradeScenario.uri(erased), "hashmap");
        JsonNode originalReport =
                SavepointInspector.inspect(UpgradeScenario.uri(original), "hashmap");
        JsonNode acme = report.path("orgs").path("acme");
        assertThat(acme.path("users").asLong()).as("ana only: %s", acme).isEqualTo(1);
        assertThat(acme.path("held_events").asLong())
                .as("nia's held event stays: %s", acme)
                .isEqualTo(1);
        JsonNode resolver = operator(report, "resolve-identity");
        assertThat(resolver.path("event_timers").asLong())
                .as("ana's and nia's timers: %s", resolver)
                .isEqualTo(
                        operator(originalReport, "resolve-identity").path("event_timers").asLong()
                                - 2);
        assertThat(acme.path("rules").findValuesAsText("rule_id"))
                .as("the org's rules stay")
                .hasSize(2);

        List<JsonNode> detections = partTwoDetections(erased, "erased-ben");
        assertThat(detections)
                .as("nobody is ben any more")
                .noneSatisfy(d -> assertThat(d.path("user_id").asText()).isEqualTo(BEN));
        assertThat(knownPeople(originalPartTwo))
                .as("part two from the original savepoint")
                .contains(BEN);
        Set<String> othersBefore = knownPeople(originalPartTwo);
        othersBefore.remove(BEN);
        assertThat(knownPeople(detections))
                .as("everyone else's state still counts")
                .isEqualTo(othersBefore);
    }

    private static List<JsonNode> partTwoDetections(Path savepoint, String name) throws Exception {
        Path audit = work.resolve(name + "-audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env =
                    UpgradeScenario.environment("hashmap", UpgradeScenario.uri(savepoint));
            UpgradeScenario.buildPartTwo(env, receiver.baseUrl(), audit);
            env.execute("part two from " + name);
        }
        return AuditTrail.read(audit, AuditStage.DETECTIONS);
    }

    private static Set<String> knownPeople(List<JsonNode> detections) {
        return detections.stream()
                .map(d -> d.path("user_id"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static JsonNode operator(JsonNode report, String uid) {
        for (JsonNode op : report.path("operators")) {
            if (uid.equals(op.path("uid").asText())) {
                return op;
            }
        }
        throw new AssertionError("no operator " + uid + " in " + report.path("operators"));
    }

    static JsonNode keyed(JsonNode operator, String state) {
        for (JsonNode s : operator.path("keyed_state")) {
            if (state.equals(s.path("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("no keyed state " + state + " in " + operator);
    }

    static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
