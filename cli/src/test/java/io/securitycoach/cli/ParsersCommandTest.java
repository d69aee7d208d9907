package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./coach parsers test} on the shipped parsers-library and on a broken configuration. */
class ParsersCommandTest {
    private static final Path HOME = Paths.get(System.getProperty("coach.home", ".."));

    @TempDir Path dir;

    private String output;

    private int run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new CoachCli()).execute(args);
        } finally {
            System.setOut(original);
            output = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedLibraryPasses() {
        assertThat(run("parsers", "test", HOME.resolve("parsers-library").toString()))
                .as(output)
                .isZero();
        assertThat(output).contains("PASS  duo-auth#10").doesNotContain("FAIL");
    }

    @Test
    void anInvalidConfigurationFailsWithItsError() throws Exception {
        Path vendor = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(
                vendor.resolve("parser.yaml"),
                "parser: broken\norg: library\nversion: 1\nclass: web\nfields:\n"
                        + "  event_time: {path: t, format: epoch_weeks}\n  actor: {path: u}\n");
        assertThat(run("parsers", "test", dir.toString())).isEqualTo(1);
        assertThat(output).contains("FAIL  broken:").contains("epoch_weeks");
    }
}
