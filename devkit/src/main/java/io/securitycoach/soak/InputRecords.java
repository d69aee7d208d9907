package io.securitycoach.soak;

import io.securitycoach.files.HiddenFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The records fed to the job: every non-blank line of every file under the input folder (laid out
 * {@code <org>/<vendor>/*.jsonl}, as generated and as sent), with its file and line number.
 */
final class InputRecords {
    private final Path root;

    InputRecords(Path root) {
        this.root = root;
    }

    /** Calls back with each record's text and its place ({@code org/vendor/file:line}). */
    void forEach(BiConsumer<String, String> visitor) {
        for (Path file : files()) {
            String name = root.relativize(file).toString();
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (!line.isBlank()) {
                        visitor.accept(line, name + ":" + n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read input " + file, e);
            }
        }
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !HiddenFiles.isHidden(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input " + root, e);
        }
    }
}
