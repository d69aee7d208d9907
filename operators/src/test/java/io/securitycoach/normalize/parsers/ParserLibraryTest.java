package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped parsers-library: every configuration compiles, every fixture record means what its
 * expected file says (the same check as {@code ./coach parsers test parsers-library}).
 */
class ParserLibraryTest {
    private static final Path LIBRARY =
            Paths.get(System.getProperty("coach.home", "..")).resolve("parsers-library");

    /**
     * Configurations known to claim another folder's records under auto: Reports API activities of
     * every Google application have one shape, and recognize can only test that paths exist.
     */
    private static final Map<String, String> KNOWN_CLAIMS =
            Map.of("google-workspace-drive", "google-workspace-login");

    @TempDir Path dir;

    @Test
    void everyLibraryConfigurationMeansWhatItsExpectedFileSays() throws Exception {
        List<Path> vendors = ParserLibrary.vendors(LIBRARY);
        assertThat(vendors).hasSizeGreaterThanOrEqualTo(2);
        List<ParserLibrary.Result> all = new ArrayList<>();
        for (Path v : vendors) {
            List<ParserLibrary.Result> results = ParserLibrary.check(v);
            assertThat(results)
                    .as(v + ": " + results.get(0).detail)
                    .hasSizeGreaterThanOrEqualTo(10);
            all.addAll(results);
        }
        assertThat(all.stream().filter(r -> !r.passed).map(r -> r.name + ": " + r.detail))
                .isEmpty();
    }

    @Test
    void aFixtureThatMeansSomethingElseFails() throws Exception {
        Path vendor = Files.createDirectories(dir.resolve("duo-auth"));
        Path shipped = LIBRARY.resolve("duo-auth");
        Files.copy(shipped.resolve(ParserLibrary.CONFIG), vendor.resolve(ParserLibrary.CONFIG));
        Files.copy(shipped.resolve(ParserLibrary.FIXTURES), vendor.resolve(ParserLibrary.FIXTURES));
        String expected = Files.readString(shipped.resolve(ParserLibrary.EXPECTED));
        Files.writeString(
                vendor.resolve(ParserLibrary.EXPECTED),
                expected.replaceFirst("\"action\":\"allowed\"", "\"action\":\"blocked\""));
        List<ParserLibrary.Result> results = ParserLibrary.check(vendor);
        assertThat(
                        results.stream()
                                .filter(r -> !r.passed)
                                .map(r -> r.name)
                                .collect(Collectors.toList()))
                .containsExactly("duo-auth#1");
    }

    @Test
    void anEnabledConfigurationIsCompiledUnderTheOrgThatEnablesIt() throws Exception {
        CompiledParser p = ParserLibrary.compileFor(LIBRARY.resolve("entra-signins"), "globex");
        assertThat(p.orgId()).isEqualTo("globex");
        assertThat(p.vendor()).isEqualTo("entra-signins");
        Path noPlaceholder = Files.createDirectories(dir.resolve("x"));
        Files.writeString(
                noPlaceholder.resolve(ParserLibrary.CONFIG),
                "parser: x\norg: acme\nversion: 1\nclass: web\nfields: {}\n");
        assertThatThrownBy(() -> ParserLibrary.compileFor(noPlaceholder, "globex"))
                .isInstanceOf(ParserConfigException.class)
                .hasMessageContaining("org: library");
    }

    /**
     * With every built-in vendor and every library configuration enabled, auto gives each fixture
     * record to its own configuration or (a shape its configuration cannot recognize) to none:
     * never to another vendor, which would make it someone else's event or an ambiguous dead
     * letter.
     */
    @Test
    void autoNeverGivesAFixtureRecordToAnotherConfiguration() throws Exception {
        List<CompiledParser> library = new ArrayList<>();
        for (Path v : ParserLibrary.vendors(LIBRARY)) {
            library.add(ParserLibrary.compileFor(v, "globex"));
        }
        VendorRegistry registry = VendorRegistry.builtIn().plus(library);
        List<String> misread = new ArrayList<>();
        for (Path v : ParserLibrary.vendors(LIBRARY)) {
            String own = v.getFileName().toString();
            List<String> lines = Files.readAllLines(v.resolve(ParserLibrary.FIXTURES));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode record = Json.mapper().readTree(lines.get(i));
                List<String> claims =
                        registry.recognizing(record).stream()
                                .map(VendorNormalizer::vendor)
                                .filter(c -> !c.equals(own) && !c.equals(KNOWN_CLAIMS.get(own)))
                                .collect(Collectors.toList());
                if (!claims.isEmpty()) {
                    misread.add(own + "#" + (i + 1) + " claimed by " + claims);
                }
            }
        }
        assertThat(misread).isEmpty();
    }
}
