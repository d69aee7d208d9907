package io.securitycoach.cli;

import io.securitycoach.schema.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeCommandTest {
    private static final Path SAMPLES = Paths.get(System.getProperty("coach.home", "..")).resolve("samples");

    @TempDir
    Path dir;

    private String stdout;

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

    @Test
    void everyVendorSampleNormalizesWithAutoDetection() throws Exception {
        for (String vendor : new String[] {"proofpoint", "crowdstrike", "netskope", "defender"}) {
            assertThat(run("normalize", "--vendor", "auto", SAMPLES.resolve("vendors/" + vendor + ".jsonl").toString())).isZero();
            for (String line : stdout.split("\n")) {
                assertThat(Json.mapper().readTree(line).get("vendor").asText()).isEqualTo(vendor);
            }
        }
    }

    @Test
    void deadLettersMakeExitOneAndUsageErrorsTwo() throws Exception {
        Path mixed = dir.resolve("mixed.jsonl");
        Files.writeString(mixed, Files.readString(SAMPLES.resolve("vendors/netskope.jsonl")) + "{broken\n");
        assertThat(run("normalize", "--vendor", "netskope", mixed.toString())).isEqualTo(1);
        assertThat(stdout.trim().split("\n")).hasSize(1);
        assertThat(run("normalize", "--vendor", "nobody", mixed.toString())).isEqualTo(2);
        assertThat(run("normalize", "--vendor", "okta", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(run("normalize", "--vendor", "netskope", "--org", "Acme_Corp", mixed.toString()))
                .as("an org id outside the one pattern is a usage error").isEqualTo(2);
    }

    @Test
    void bothExampleParsingConfigurationsGiveTheExpectedEvents() throws Exception {
        for (String parser : new String[] {"mimecast-email", "generic-firewall"}) {
            assertThat(run("normalize", "--config", SAMPLES.resolve("parsers/" + parser + ".yaml").toString(),
                    SAMPLES.resolve("vendors/" + parser + ".jsonl").toString()))
                    .as("each sample has a line without a usable time and one without time or identity").isEqualTo(1);
            java.util.List<String> expected = Files.readAllLines(Paths.get(
                    getClass().getResource("/parsers/" + parser + ".expected.jsonl").toURI()));
            String[] lines = stdout.trim().split("\n");
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < lines.length; i++) {
                com.fasterxml.jackson.databind.node.ObjectNode event =
                        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(lines[i]);
                event.remove("ingest_time");
                assertThat(event).as(parser + " event " + i).isEqualTo(Json.mapper().readTree(expected.get(i)));
            }
        }
    }

    @Test
    void anInvalidParsingConfigurationIsAUsageErrorNamingEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "parser: okta\norg: acme\nversion: 1\nclass: web\nfields:\n  event_time: {path: t}\n"
                + "  app: {path: a, transform: [{regex: '(x{100}){100}'}]}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new CoachCli()).execute("normalize", "--config", bad.toString(),
                    SAMPLES.resolve("vendors/netskope.jsonl").toString());
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly(
                "error: invalid parsing configuration:",
                "  bad.yaml: parser at 1:1: 'okta' is a built-in vendor; choose another name",
                "  bad.yaml: fields.app.transform[0] at 7:30: regex too large once its repetitions are expanded"
                        + " (about 10202 instructions, at most 1000): use fewer or smaller {n,m} counts",
                "  bad.yaml: fields.actor at 5:1: required (or actor_email / actor_user_name): who did it");
        assertThat(run("normalize", "--vendor", "okta", "--config", bad.toString(), bad.toString())).isEqualTo(2);
    }
}
