package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fidelity of every vendor fixture: each record's events, every schema field compared to the
 * expected value (raw fields checked apart), and dead letters by reason; the same outcome when the
 * vendor is named and when {@code auto} detects it. Expected files are reviewed by hand; {@code
 * -Dfixtures.update=true} writes them from the current output for that review.
 */
class VendorFixturesTest {
    static final long NOW = Fixtures.NOW;

    static List<Fixtures.Fixture> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void normalizesFixture(Fixtures.Fixture fixture) throws Exception {
        ArrayNode actual = outcomes(fixture, fixture.vendor);
        if (Boolean.getBoolean("fixtures.update")) {
            Files.writeString(
                    Paths.get(
                            "src/test/resources/fixtures",
                            fixture.vendor,
                            fixture.expected().getFileName().toString()),
                    Json.mapper()
                                    .writerWithDefaultPrettyPrinter()
                                    .writeValueAsString(
                                            actual.size() == 1
                                                            && fixture.input
                                                                    .toString()
                                                                    .endsWith(".json")
                                                    ? actual.get(0)
                                                    : actual)
                            + "\n");
        }
        JsonNode expected = Json.mapper().readTree(Files.readString(fixture.expected()));
        if (expected.isObject()) {
            expected = Json.mapper().createArrayNode().add(expected);
        }
        for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
            assertThat(actual.path(i)).as(fixture + " outcome " + i).isEqualTo(expected.path(i));
        }
        assertThat(outcomes(fixture, VendorRegistry.AUTO))
                .as("auto detects " + fixture.vendor)
                .isEqualTo(actual);
    }

    /**
     * Every outcome of the fixture's records in order: events without raw, dead letters as their
     * reason.
     */
    static ArrayNode outcomes(Fixtures.Fixture fixture, String claimedVendor) {
        ArrayNode out = Json.mapper().createArrayNode();
        EventNormalizer normalizer =
                new EventNormalizer(fixture.vendors, EventNormalizer.DEFAULT_MAX_RECORD_CHARS);
        int line = 0;
        for (String record : fixture.records) {
            line++;
            RawEvent raw = new RawEvent("acme", claimedVendor, record, "fixture:" + line, NOW);
            for (EventNormalizer.Result r : normalizer.normalizeAll(raw, NOW)) {
                out.add(r.event != null ? event(r) : deadLetter(r));
            }
        }
        return out;
    }

    private static ObjectNode event(EventNormalizer.Result r) {
        ObjectNode node = Json.mapper().valueToTree(r.event);
        assertThat(node.remove("raw")).as("vendor fields kept in raw").isNotEmpty();
        node.put("record_type", r.recordType());
        return node;
    }

    private static ObjectNode deadLetter(EventNormalizer.Result r) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("dead_letter", r.deadLetter.reason);
        node.put("record_type", r.recordType());
        node.put("origin", r.deadLetter.origin);
        return node;
    }
}
