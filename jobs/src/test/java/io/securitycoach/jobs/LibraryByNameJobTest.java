package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job: an org enables the library's {@code duo-auth} by name on the control stream, and
 * its Duo records dropped under {@code auto} become Duo events; another org's same records do not.
 */
class LibraryByNameJobTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void anOrgEnablesDuoAuthByNameAndAutoRecordsNormalize() throws Exception {
        Path home = Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath();
        Path events = out.resolve("events");
        Files.createDirectories(events.resolve("acme/auto"));
        Files.createDirectories(events.resolve("globex/auto"));
        Path fixtures = home.resolve("parsers-library/duo-auth/fixtures.jsonl");
        Files.copy(fixtures, events.resolve("acme/auto/duo.jsonl"));
        Files.write(
                events.resolve("globex/auto/duo.jsonl"),
                Files.readAllLines(fixtures).subList(0, 1));
        List<ControlMessage> control =
                List.of(
                        ControlMessage.parserUpsert(
                                "acme", "extends: duo-auth\norg: acme\nversion: 1\n", "acme.yaml"),
                        ControlMessage.snapshotEnd("test"));

        Path audit = out.resolve("audit");
        StreamExecutionEnvironment env = JobEnvironment.create();
        CoachJob.build(
                env,
                new FileJobSources(
                        List.of(events.toUri().toString()),
                        home.resolve("samples/users").toUri().toString(),
                        control,
                        null),
                AuditSinks.auditOnly(audit.toUri().toString()),
                new JobSettings());
        env.execute("library-by-name");

        assertThat(AuditTrail.read(audit, AuditStage.RULE_STATUS))
                .extracting(
                        s ->
                                s.path("org_id").asText()
                                        + "/"
                                        + s.path("rule_id").asText()
                                        + " "
                                        + s.path("status").asText())
                .contains("acme/duo-auth accepted");
        List<JsonNode> normalized = AuditTrail.read(audit, AuditStage.EVENTS);
        assertThat(normalized)
                .extracting(e -> e.get("org_id").asText() + " " + e.get("vendor").asText())
                .containsOnly("acme duo-auth")
                .hasSize(Files.readAllLines(fixtures).size());
        assertThat(AuditTrail.read(audit, AuditStage.DEAD_LETTERS))
                .filteredOn(d -> "normalize".equals(d.path("stage").asText()))
                .extracting(
                        d ->
                                d.path("reason").asText()
                                        + " "
                                        + d.path("origin").asText().contains("/globex/auto/"))
                .as("globex has not enabled duo-auth")
                .containsExactly("unrecognized_format true");
    }
}
