package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.testing.FlinkMiniCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints written by earlier builds (each state layout the job has had, for the heap and RocksDB
 * backends) restore into today's job, and the state in them still counts: the detections after the
 * restore, together with those the earlier build made before its savepoint, are exactly those of an
 * uninterrupted run. When this fails after a change to a state type, the change is not
 * savepoint-compatible: make it compatible (new POJO fields are; renames and type changes are not),
 * write a state migration, or, if the break is intended, say so in the release notes and write new
 * fixtures with savepoints/write-state-fixtures.sh.
 */
class RestoreEarlierStateLayoutsTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir static Path work;

    static Set<String> reference;
    static String referenceDescribed;

    @BeforeAll
    static void runBothPartsWithoutInterruption() throws Exception {
        Path audit = work.resolve("uninterrupted-audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = UpgradeScenario.environment("hashmap", null);
            UpgradeScenario.buildUninterrupted(
                    env, receiver.baseUrl(), audit, work.resolve("uninterrupted"));
            env.execute("upgrade reference");
        }
        reference = UpgradeScenario.detectionIds(audit);
        referenceDescribed = UpgradeScenario.describe(audit);
    }

    static Stream<Path> fixtures() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> layouts = Files.list(UpgradeScenario.FIXTURES)) {
            for (Path layout :
                    (Iterable<Path>) layouts.filter(Files::isDirectory).sorted()::iterator) {
                for (String backend : UpgradeScenario.BACKENDS) {
                    found.add(layout.resolve(backend));
                }
            }
        }
        return found.stream();
    }

    @Test
    void theReferenceRunNeedsBothParts() {
        assertThat(reference)
                .as(
                        "ana's threshold, nia's threshold, ben's two gambling visits 28 minutes"
                                + " apart: %s",
                        referenceDescribed)
                .hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aSavepointOfAnEarlierLayoutRestoresWithItsStateInEffect(Path fixture) throws Exception {
        assertThat(fixture.resolve("_metadata")).as("fixture savepoint").exists();
        String backend = fixture.getFileName().toString();
        Path audit = work.resolve(fixture.getParent().getFileName() + "-" + backend + "-audit");
        List<String> messages = new ArrayList<>();
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env =
                    UpgradeScenario.environment(backend, fixture.toUri().toString());
            UpgradeScenario.buildPartTwo(env, receiver.baseUrl(), audit);
            env.execute("upgrade part two from " + fixture);
            receiver.accepted().forEach(m -> messages.add(m.path("text").asText()));
        }
        Set<String> partOne =
                new TreeSet<>(Files.readAllLines(fixture.resolve("part-one-detections.txt")));
        Set<String> all = new TreeSet<>(partOne);
        all.addAll(UpgradeScenario.detectionIds(audit));
        assertThat(all)
                .as(
                        "detections before the savepoint and after the restore: %s\nreference: %s",
                        UpgradeScenario.describe(audit), referenceDescribed)
                .isEqualTo(reference);
        assertCarriedOver(AuditTrail.read(audit, AuditStage.DETECTIONS));
        if (!"layout-1".equals(fixture.getParent().getFileName().toString())) {
            // since layout 2 part one sent acme's settings; before layout 3 the detect stage held
            // them
            assertThat(messages)
                    .as(
                            "acme's branding from its settings, held in the savepoint; deliveries:"
                                    + " %s",
                            AuditTrail.read(audit, AuditStage.DELIVERIES))
                    .isNotEmpty()
                    .allSatisfy(
                            text ->
                                    assertThat(text)
                                            .endsWith("(" + UpgradeScenario.SECURITY_TEAM + ")"));
        }
    }

    /** Name what carried over, so a failure says which state was lost. */
    private static void assertCarriedOver(List<JsonNode> detections) {
        assertThat(detections)
                .as("threshold progress: two of ana's three denials happened before the savepoint")
                .anySatisfy(
                        d ->
                                assertThat(d.path("event_uids").toString())
                                        .contains(
                                                "0a000000-0000-4000-8000-000000000001",
                                                "0a000000-0000-4000-8000-000000000003"));
        assertThat(detections)
                .as("the held event: nia's first denial waited for her directory record")
                .anySatisfy(
                        d -> {
                            assertThat(d.path("user_id").asText()).isEqualTo("u-9003");
                            assertThat(d.path("event_uids").toString())
                                    .contains("0a000000-0000-4000-8000-000000000004");
                        });
        assertThat(detections)
                .as("the directory: ben is known after the restore")
                .anySatisfy(d -> assertThat(d.path("user_id").asText()).isEqualTo("u-9002"));
        assertThat(detections)
                .as("suppression: ben's 09:05 visit fell in the window opened at 09:02")
                .noneSatisfy(
                        d -> assertThat(d.path("event_uids").toString()).contains("8800000002"));
    }
}
