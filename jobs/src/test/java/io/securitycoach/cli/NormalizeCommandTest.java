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
    }
}
