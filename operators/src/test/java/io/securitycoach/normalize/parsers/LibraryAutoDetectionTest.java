package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --vendor auto} with the whole library enabled beside the built-in vendors: each fixture
 * record of these configurations is picked as its own vendor and by nobody else, except the shapes
 * their README sends by name (SentinelOne API 2.0 items), which nobody picks.
 */
class LibraryAutoDetectionTest {
    private static final Path LIBRARY =
            Paths.get(System.getProperty("coach.home", "..")).resolve("parsers-library");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sentinelone-threats", "sophos-central", "slack-audit", "github-audit"})
    void eachFixtureRecordIsPickedAsItsOwnVendorOnly(String vendor) throws Exception {
        VendorRegistry registry = VendorRegistry.builtIn().plus(wholeLibrary());
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(LIBRARY.resolve(vendor).resolve("fixtures.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            JsonNode record = Json.mapper().readTree(line);
            List<String> picked =
                    registry.recognizing(record).stream()
                            .map(VendorNormalizer::vendor)
                            .collect(Collectors.toList());
            List<String> expected = sentByName(vendor, record) ? List.of() : List.of(vendor);
            if (!picked.equals(expected)) {
                wrong.add(vendor + "#" + n + " picked by " + picked + ", expected " + expected);
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(10);
        assertThat(wrong).isEmpty();
    }

    /** API 2.0 threats are flat (no threatInfo): one recognize list cannot hold both shapes. */
    private static boolean sentByName(String vendor, JsonNode record) {
        return vendor.equals("sentinelone-threats") && !record.has("threatInfo");
    }

    private static List<CompiledParser> wholeLibrary() throws Exception {
        List<CompiledParser> all = new ArrayList<>();
        for (Path v : ParserLibrary.vendors(LIBRARY)) {
            all.add(ParserLibrary.compileFor(v, ParserLibrary.PLACEHOLDER_ORG));
        }
        return all;
    }
}
