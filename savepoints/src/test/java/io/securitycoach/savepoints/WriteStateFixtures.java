package io.securitycoach.savepoints;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.FlinkMiniCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: writes the state fixtures of the current state layout, run by {@code
 * savepoints/write-state-fixtures.sh LAYOUT} from the build whose layout is to be kept restorable.
 * Part one runs as production would, then stops with a canonical savepoint for each backend; the
 * savepoint and part one's detection ids land in {@code
 * src/test/resources/state-fixtures/LAYOUT/BACKEND/}.
 */
@EnabledIfSystemProperty(named = "coach.writeStateFixtures", matches = "[a-z0-9-]+")
class WriteStateFixtures {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path work;

    @Test
    void writeFixturesOfTheCurrentStateLayout() throws Exception {
        String layout = System.getProperty("coach.writeStateFixtures");
        for (String backend : UpgradeScenario.BACKENDS) {
            Path target = UpgradeScenario.FIXTURES.resolve(layout).resolve(backend);
            writeFixture(backend, target);
            System.out.println("state fixture written: " + target);
        }
    }

    private void writeFixture(String backend, Path target) throws Exception {
        Path audit = work.resolve(backend + "-audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = UpgradeScenario.environment(backend, null);
            UpgradeScenario.buildPartOne(env, receiver.baseUrl(), audit);
            JobClient job = env.executeAsync("upgrade part one (" + backend + ")");
            waitFor(
                    () ->
                            AuditTrail.read(audit, AuditStage.RAW).size()
                                            >= UpgradeScenario.PART_ONE_RECORDS
                                    && AuditTrail.read(audit, AuditStage.EVENTS).size()
                                            >= UpgradeScenario.PART_ONE_RESOLVED_EVENTS
                                    && !UpgradeScenario.detectionIds(audit).isEmpty());
            String savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    work.resolve(backend + "-savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);
            replace(target, Path.of(URI.create(savepoint)));
        }
        Files.write(target.resolve("part-one-detections.txt"), UpgradeScenario.detectionIds(audit));
    }

    private static void replace(Path target, Path savepoint) throws Exception {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(savepoint)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = target.resolve(savepoint.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void waitFor(Await.Check condition) throws Exception {
        Await.until("part one processed", Duration.ofSeconds(120), condition);
    }
}
