package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./coach replay}: only the files of the archive range, progress to the end, no coaching
 * sent.
 */
class ReplayCommandTest {
    @TempDir Path dir;

    @Test
    void replaysTheRangeWithProgressAndWithoutNotifying() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Path archive = dir.resolve("archive");
        copy(samples.resolve("events"), archive);
        // The globex drops are older than the range.
        try (Stream<Path> old = Files.walk(archive.resolve("globex"))) {
            for (Path f : old.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-10-01T00:00:00Z")));
            }
        }
        Path audit = dir.resolve("audit");
        Path config = dir.resolve("replay.json");
        Files.writeString(
                config,
                "[{\"PropertyGroupId\": \"Events\", \"PropertyMap\": {\"paths\": \""
                        + archive.toUri()
                        + "\"}},"
                        + "{\"PropertyGroupId\": \"Directory\", \"PropertyMap\": {\"path\": \""
                        + samples.resolve("users").toUri()
                        + "\"}},"
                        + "{\"PropertyGroupId\": \"Rules\", \"PropertyMap\": {\"path\": \""
                        + samples.resolve("rules").toUri()
                        + "\"}},"
                        + "{\"PropertyGroupId\": \"Audit\", \"PropertyMap\": {\"path\": \""
                        + audit.toUri()
                        + "\"}}]");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit =
                    new CommandLine(new CoachCli())
                            .execute(
                                    "replay",
                                    "--config",
                                    config.toString(),
                                    "--since",
                                    "2026-11-01",
                                    "--parallelism",
                                    "1",
                                    "--progress-seconds",
                                    "1");
        } finally {
            System.setOut(stdout);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed)
                .contains("replay: 3 files, ")
                .contains("replay: files 3/3 (100%), events 54 ");

        List<JsonNode> raw = AuditTrail.read(audit, AuditStage.RAW);
        assertThat(raw)
                .hasSize(54)
                .allSatisfy(r -> assertThat(r.get("org_id").asText()).isEqualTo("acme"));
        assertThat(AuditTrail.read(audit, AuditStage.DETECTIONS)).isNotEmpty();
        assertThat(AuditTrail.read(audit, AuditStage.DELIVERIES))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("skipped"));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
