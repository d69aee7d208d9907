package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.audit.AuditStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 28: the support commands are asked within one org and answer only for it. */
class SupportCommandsOrgTest {
    @TempDir Path audit;

    private String stdout;

    @BeforeEach
    void writeTwoOrgsWithTheSameIds() throws Exception {
        write(
                AuditStage.EVENTS,
                "{\"org_id\":\"acme\",\"event_uid\":\"e-1\",\"event_time\":1000,\"user_id\":\"u-1\"}",
                "{\"org_id\":\"globex\",\"event_uid\":\"e-1\",\"event_time\":1000,"
                        + "\"user_id\":\"u-1\",\"actor_email\":\"secret@globex.example\"}");
        write(
                AuditStage.DETECTIONS,
                "{\"detection_id\":\"d-a\",\"org_id\":\"acme\",\"user_id\":\"u-1\","
                        + "\"rule_id\":\"gambling\",\"event_time\":1000,\"event_uids\":[\"e-1\"]}",
                "{\"detection_id\":\"d-g\",\"org_id\":\"globex\",\"user_id\":\"u-1\","
                    + "\"rule_id\":\"globex-rule\",\"event_time\":1000,\"event_uids\":[\"e-1\"]}");
    }

    @Test
    void traceNeedsAnOrgAndShowsOnlyThatOrgsRecords() {
        assertThat(run("trace", "e-1", "--audit", audit.toString())).isEqualTo(2);

        assertThat(run("trace", "e-1", "--org", "acme", "--audit", audit.toString(), "--json"))
                .isZero();
        assertThat(stdout).contains("d-a").doesNotContain("d-g").doesNotContain("globex");

        assertThat(run("trace", "e-1", "--org", "initech", "--audit", audit.toString()))
                .isEqualTo(1);
        assertThat(stdout).doesNotContain("globex").doesNotContain("d-a");
        assertThat(run("trace", "e-1", "--org", "Globex", "--audit", audit.toString()))
                .isEqualTo(2);
    }

    @Test
    void timelineTakesTheOrgAsBeforeOrAsOrg() {
        assertThat(run("timeline", "acme", "u-1", "--audit", audit.toString())).isZero();
        String positional = stdout;
        assertThat(run("timeline", "--org", "acme", "u-1", "--audit", audit.toString())).isZero();
        assertThat(stdout).isEqualTo(positional).contains("gambling").doesNotContain("globex");

        assertThat(run("timeline", "--org", "acme", "globex", "u-1", "--audit", audit.toString()))
                .as("both an ORG and --org")
                .isEqualTo(2);
        assertThat(run("timeline", "u-1", "--audit", audit.toString())).isEqualTo(2);
    }

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new CoachCli()).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            stdout = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    private void write(String stage, String... lines) throws Exception {
        Path dir = Files.createDirectories(audit.resolve(stage).resolve("2026-11-20--09"));
        Files.writeString(dir.resolve("part-0-0.jsonl"), String.join("\n", lines) + "\n");
    }
}
