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
 * The vendor fixtures, discovered from {@code fixtures/<vendor>/}: {@code NAME.input.json} (one
 * record, may be pretty-printed) or {@code NAME.input.jsonl} (one record a line), each with {@code
 * NAME.expected.json}. Adding a fixture is adding its two files; {@link #unpaired()} names any file
 * that is not half of a pair. A corpus is a root folder and the vendors that read it: the built-in
 * vendors' corpus is {@link #all()}; a library of parsing configurations brings its own root and a
 * registry holding its configurations ({@link #all(Path, VendorRegistry)}), and {@link
 * VendorFixturesTest} checks its records the same way.
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

        /** The vendors that read this corpus (the built-ins, or a library's configurations too). */
        final VendorRegistry vendors;

        Fixture(
                String vendor,
                String name,
                Path input,
                List<String> records,
                VendorRegistry vendors) {
            this.vendor = vendor;
            this.name = name;
            this.input = input;
            this.records = records;
            this.vendors = vendors;
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
        return all(root(), VendorRegistry.builtIn());
    }

    /** The fixtures of a corpus under {@code root}, read by {@code vendors}. */
    static List<Fixture> all(Path root, VendorRegistry vendors) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Fixture> fixtures = new ArrayList<>();
            for (Path p : files.sorted().collect(Collectors.toList())) {
                String file = p.getFileName().toString();
                if (file.endsWith(".input.json") || file.endsWith(".input.jsonl")) {
                    fixtures.add(read(p, file, vendors));
                }
            }
            return fixtures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Files under the fixtures folder that are not half of a pair: an input without its expected
     * file, an expected file without its input, anything else, or a file outside a vendor folder.
     */
    static List<String> unpaired() {
        return unpaired(root());
    }

    static List<String> unpaired(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> problems = new ArrayList<>();
            for (Path p :
                    files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                String problem = pairProblem(root, p);
                if (problem != null) {
                    problems.add(root.relativize(p) + ": " + problem);
                }
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pairProblem(Path root, Path p) {
        if (!root.equals(p.getParent().getParent())) {
            return "not in a vendor folder (fixtures/<vendor>/)";
        }
        String file = p.getFileName().toString();
        if (file.endsWith(".expected.json")) {
            String name = file.substring(0, file.length() - ".expected.json".length());
            return Files.exists(p.resolveSibling(name + ".input.json"))
                            || Files.exists(p.resolveSibling(name + ".input.jsonl"))
                    ? null
                    : "no " + name + ".input.json or " + name + ".input.jsonl";
        }
        if (file.endsWith(".input.json") || file.endsWith(".input.jsonl")) {
            String name = file.substring(0, file.lastIndexOf(".input."));
            boolean both =
                    Files.exists(p.resolveSibling(name + ".input.json"))
                            && Files.exists(p.resolveSibling(name + ".input.jsonl"));
            return both
                    ? "two inputs named " + name + " (.json and .jsonl)"
                    : Files.exists(p.resolveSibling(name + ".expected.json"))
                            ? null
                            : "no " + name + ".expected.json";
        }
        return "neither NAME.input.json(l) nor NAME.expected.json";
    }

    private static Fixture read(Path p, String file, VendorRegistry vendors) throws IOException {
        String vendor = p.getParent().getFileName().toString();
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (file.endsWith(".input.json")) {
            String name = file.substring(0, file.length() - ".input.json".length());
            return new Fixture(
                    vendor, name, p, List.of(Json.mapper().readTree(text).toString()), vendors);
        }
        String name = file.substring(0, file.length() - ".input.jsonl".length());
        List<String> lines = text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        return new Fixture(vendor, name, p, lines, vendors);
    }
}
