package io.securitycoach.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Streams the committed lines of one audit stage from a local folder (an audit trail written to
 * files, or S3Proxy's file backend), each with the file that holds it, so a violation can name the
 * file. In-progress and hidden files (names starting with "." or "_") are skipped, as readers of
 * the trail skip them. Streaming keeps a million-record trail out of memory.
 */
public final class AuditLines {
    /** Receives one audit line and the file that holds it. */
    @FunctionalInterface
    public interface Visitor {
        void line(JsonNode record, Path file);
    }

    private AuditLines() {}

    public static void forEach(Path auditRoot, String stage, Visitor visitor) {
        for (Path file : files(auditRoot.resolve(stage))) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        visitor.line(Json.mapper().readTree(line), file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit file " + file, e);
            }
        }
    }

    /** The committed files under a stage folder, in name order; none when the folder is absent. */
    static List<Path> files(Path stageRoot) {
        if (!Files.isDirectory(stageRoot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(stageRoot)) {
            return walk.filter(Files::isRegularFile)
                    .filter(
                            p ->
                                    !hidden(stageRoot.relativize(p))
                                            && committedPart(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stageRoot, e);
        }
    }

    /**
     * FileSink's committed part files; S3's recoverable writer keeps unfinished tails under
     * temporary names.
     */
    private static boolean committedPart(String name) {
        return name.startsWith("part-") && !name.contains("tmp");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
