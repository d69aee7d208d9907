package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.parsers.ParserCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures are found from their folder, so a file that is not half of an input/expected pair
 * would be silently skipped (or fail with a missing file): these checks name it instead, and keep
 * the vendor folders and the built-in vendors in step.
 */
class FixturePairsTest {
    @Test
    void everyFixtureFileIsHalfOfAPair() {
        assertThat(Fixtures.unpaired()).as("fixture files without their pair").isEmpty();
    }

    @Test
    void aFileWithoutItsPairIsNamed(@TempDir Path root) throws Exception {
        Path okta = Files.createDirectories(root.resolve("okta"));
        Files.writeString(okta.resolve("paired.input.json"), "{}");
        Files.writeString(okta.resolve("paired.expected.json"), "[]");
        Files.writeString(okta.resolve("lonely.input.jsonl"), "{}");
        Files.writeString(okta.resolve("orphan.expected.json"), "[]");
        Files.writeString(okta.resolve("twice.input.json"), "{}");
        Files.writeString(okta.resolve("twice.input.jsonl"), "{}");
        Files.writeString(okta.resolve("twice.expected.json"), "[]");
        Files.writeString(okta.resolve("notes.txt"), "");
        Files.writeString(root.resolve("stray.input.json"), "{}");

        assertThat(Fixtures.unpaired(root))
                .containsExactly(
                        "okta/lonely.input.jsonl: no lonely.expected.json",
                        "okta/notes.txt: neither NAME.input.json(l) nor NAME.expected.json",
                        "okta/orphan.expected.json: no orphan.input.json or orphan.input.jsonl",
                        "okta/twice.input.json: two inputs named twice (.json and .jsonl)",
                        "okta/twice.input.jsonl: two inputs named twice (.json and .jsonl)",
                        "stray.input.json: not in a vendor folder (fixtures/<vendor>/)");
    }

    @Test
    void everyBuiltInVendorHasFixturesAndEveryFolderIsAVendor() throws Exception {
        Set<String> folders;
        try (Stream<Path> dirs = Files.list(Fixtures.root())) {
            folders =
                    dirs.filter(Files::isDirectory)
                            .map(d -> d.getFileName().toString())
                            .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(folders).isEqualTo(new TreeSet<>(VendorRegistry.builtIn().names()));
        Set<String> withFixtures =
                Fixtures.all().stream()
                        .map(f -> f.vendor)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withFixtures).as("vendor folders with at least one input").isEqualTo(folders);
    }

    /** The golden corpus: enough records per vendor to hold its tricky shapes. */
    @Test
    void everyBuiltInVendorHasAtLeast25FixtureRecords() {
        for (String vendor : VendorRegistry.builtIn().names()) {
            int outcomes = 0;
            for (Fixtures.Fixture fixture : Fixtures.all()) {
                if (fixture.vendor.equals(vendor)) {
                    outcomes += VendorFixturesTest.outcomes(fixture, vendor).size();
                }
            }
            assertThat(outcomes).as(vendor + " events and dead letters").isGreaterThanOrEqualTo(25);
        }
    }

    /**
     * The corpus test is not tied to the built-ins: a library of parsing configurations brings its
     * root and a registry with its configurations, and its records are read and compared the same
     * way.
     */
    @Test
    void aParsingConfigurationLibraryUsesTheSameCorpus(@TempDir Path root) throws Exception {
        Path samples = Paths.get("..", "samples");
        Path feed = Files.createDirectories(root.resolve("mimecast-email"));
        Files.writeString(
                feed.resolve("first.input.jsonl"),
                Files.readAllLines(samples.resolve("vendors/mimecast-email.jsonl")).get(0));
        Files.writeString(feed.resolve("first.expected.json"), "[]");
        VendorRegistry library =
                VendorRegistry.builtIn()
                        .plus(
                                List.of(
                                        ParserCompiler.compile(
                                                Files.readString(
                                                        samples.resolve(
                                                                "parsers/mimecast-email.yaml")),
                                                "mimecast-email.yaml")));
        List<Fixtures.Fixture> corpus = Fixtures.all(root, library);
        assertThat(Fixtures.unpaired(root)).isEmpty();
        assertThat(corpus).hasSize(1);
        JsonNode outcome = VendorFixturesTest.outcomes(corpus.get(0), "mimecast-email").get(0);
        assertThat(outcome.path("vendor").asText()).isEqualTo("mimecast-email");
        assertThat(outcome.path("class").asText()).isEqualTo("email");
    }
}
