package io.securitycoach.normalize;

import io.securitycoach.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The vendor fixtures, discovered from {@code fixtures/<vendor>/}: {@code NAME.input.json} (one record,
 * may be pretty-printed) or {@code NAME.input.jsonl} (one record a line), each with {@code NAME.expected.json}.
 */
final class Fixtures {
    static final long NOW = 1795300000000L;

    private Fixtures() {}

    /** One fixture file: its vendor (the folder), name and records. */
    static final class Fixture {
        final String vendor;
        final String name;
        final Path input;
        final List<String> records;

        Fixture(String vendor, String name, Path input, List<String> records) {
            this.vendor = vendor;
            this.name = name;
            this.input = input;
            this.records = records;
        }

        Path expected() {
            return input.resolveSibling(name + ".expected.json");
        }

        @Override
        public String toString() {
            return vendor + "/" + name;
        }
    }

    static Path root() {
        try {
            return Paths.get(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        try (Stream<Path> files = Files.walk(root())) {
            List<Fixture> fixtures = new ArrayList<>();
            for (Path p : files.sorted().collect(Collectors.toList())) {
                String file = p.getFileName().toString();
                if (file.endsWith(".input.json") || file.endsWith(".input.jsonl")) {
                    fixtures.add(read(p, file));
                }
            }
            return fixtures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture read(Path p, String file) throws IOException {
        String vendor = p.getParent().getFileName().toString();
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (file.endsWith(".input.json")) {
            String name = file.substring(0, file.length() - ".input.json".length());
            return new Fixture(vendor, name, p, List.of(Json.mapper().readTree(text).toString()));
        }
        String name = file.substring(0, file.length() - ".input.jsonl".length());
        List<String> lines = text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        return new Fixture(vendor, name, p, lines);
    }
}
