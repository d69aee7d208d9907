package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.cli.CoachCli;
import io.securitycoach.schema.Json;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./coach savepoint bootstrap} then {@code ./coach run --bounded --from-savepoint} (no
 * --users, no --rules: the bootstrapped state alone serves) behaves on the samples as the run that
 * read the same directory and rules from its streams: the same people behind the same events, the
 * same detections.
 */
class BootstrapSavepointTest {
    static final Path HOME =
            Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = HOME.resolve("samples");

    @TempDir Path dir;

    @Test
    void aJobRestoredFromTheBootstrapBehavesAsOneThatReadTheDumpAndRules() throws Exception {
        Path savepoint = dir.resolve("bootstrapped");
        assertThat(
                        coach(
                                "savepoint",
                                "bootstrap",
                                "--users",
                                SAMPLES.resolve("users").toString(),
                                "--rules",
                                SAMPLES.resolve("rules").toString(),
                                "--parsers",
                                SAMPLES.resolve("parsers").toString(),
                                "--out",
                                savepoint.toString()))
                .isZero();
        assertThat(
                        coach(
                                "run",
                                "--bounded",
                                "--parallelism",
                                "1",
                                "--out",
                                dir.resolve("read").toString(),
                                "--summary-json",
                                dir.resolve("read.json").toString()))
                .isZero();
        assertThat(
                        coach(
                                "run",
                                "--bounded",
                                "--parallelism",
                                "1",
                                "--from-savepoint",
                                savepoint.toString(),
                                "--out",
                                dir.resolve("restored").toString(),
                                "--summary-json",
                                dir.resolve("restored.json").toString()))
                .isZero();

        JsonNode read = Json.mapper().readTree(dir.resolve("read.json").toFile());
        JsonNode restored = Json.mapper().readTree(dir.resolve("restored.json").toFile());
        assertThat(restored.path("detections"))
                .as("detections")
                .hasSize(15)
                .containsExactlyInAnyOrderElementsOf(read.path("detections"));
        assertThat(restored.path("notifications_delivered"))
                .isEqualTo(read.path("notifications_delivered"));
        assertThat(restored.path("events_resolved").asLong())
                .as("the directory is there from the start: nothing waits for it")
                .isEqualTo(
                        read.path("events_resolved").asLong() + read.path("events_held").asLong());
        assertThat(peopleBehindEvents(dir.resolve("restored/audit")))
                .isEqualTo(peopleBehindEvents(dir.resolve("read/audit")));
        assertThat(restored.path("rule_status").path("accepted").isMissingNode())
                .as("no rule came on the control stream")
                .isTrue();
    }

    private static int coach(String... args) {
        return CoachCli.commandLine().execute(args);
    }

    /** Event uid to the person it was attributed to (or "unresolved"). */
    private static Map<String, String> peopleBehindEvents(Path audit) {
        Map<String, String> people = new TreeMap<>();
        for (JsonNode e : AuditTrail.read(audit, AuditStage.EVENTS)) {
            people.put(
                    e.path("org_id").asText() + "/" + e.path("event_uid").asText(),
                    e.path("user_id").isTextual() ? e.path("user_id").asText() : "unresolved");
        }
        return people;
    }
}
