package io.securitycoach.jobs;

import io.securitycoach.records.ControlMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of rule files (one rule per {@code .yaml}, {@code .yml} or {@code .json}) as control
 * messages: one upsert per file, then the end of the initial snapshot. Files are sent as written;
 * the job validates them and answers each with a rule status.
 */
public final class RuleFiles {
    private RuleFiles() {}

    public static List<ControlMessage> snapshot(Path folder) {
        List<ControlMessage> messages = new ArrayList<>();
        for (Path file : ruleFiles(folder)) {
            try {
                messages.add(ControlMessage.upsert(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + file, e);
            }
        }
        messages.add(ControlMessage.snapshotEnd(folder.toString()));
        return messages;
    }

    public static List<Path> ruleFiles(Path folder) {
        if (Files.isRegularFile(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("rules folder not found: " + folder);
        }
        try (Stream<Path> files = Files.walk(folder, 1)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules folder " + folder, e);
        }
    }
}
