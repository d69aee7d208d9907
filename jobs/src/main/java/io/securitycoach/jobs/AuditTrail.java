package io.securitycoach.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a local audit trail back: the committed lines of one stage (in-progress files are hidden and skipped). */
public final class AuditTrail {
    private AuditTrail() {}

    public static List<JsonNode> read(Path auditRoot, String stage) {
        Path stageRoot = auditRoot.resolve(stage);
        if (!Files.isDirectory(stageRoot)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stageRoot)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().collect(Collectors.toList())) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) {
                            out.add(Json.mapper().readTree(line));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit trail " + stageRoot, e);
        }
        return out;
    }
}
