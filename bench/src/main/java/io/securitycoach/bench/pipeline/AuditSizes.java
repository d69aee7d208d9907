package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Committed audit bytes per stage (in-progress files, hidden as .part-*, are not counted). */
final class AuditSizes {
    private AuditSizes() {}

    static Map<String, Long> byStage(Path audit) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(audit)) {
            return sizes;
        }
        try (Stream<Path> stages = Files.list(audit)) {
            for (Path stage : (Iterable<Path>) stages::iterator) {
                sizes.put(stage.getFileName().toString(), committedBytes(stage));
            }
        }
        return sizes;
    }

    static long committedBytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .mapToLong(AuditSizes::size)
                    .sum();
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
