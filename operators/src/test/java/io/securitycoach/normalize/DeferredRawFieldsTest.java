package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserLibrary;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.RawFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record's vendor fields carried as its text ({@link RawFields#deferred}) read exactly as the
 * fields flattened from its parsed tree would, on every record of the parsers library; records of a
 * page and large records are flattened at once.
 */
class DeferredRawFieldsTest {
    private static final long NOW = Fixtures.NOW;
    private static final Path LIBRARY = Paths.get("..", "parsers-library");

    @Test
    void deferredFieldsOfEveryLibraryRecordReadAsTheFlattenedOnes() throws Exception {
        List<CompiledParser> parsers = new ArrayList<>();
        for (Path folder : ParserLibrary.vendors(LIBRARY)) {
            parsers.add(ParserLibrary.compileFor(folder, "acme"));
        }
        VendorRegistry vendors = VendorRegistry.builtIn().plus(parsers);
        EventNormalizer normalizer = new EventNormalizer(vendors, 1024 * 1024);
        int deferred = 0;
        for (Path folder : ParserLibrary.vendors(LIBRARY)) {
            String vendor = folder.getFileName().toString();
            for (String line :
                    Files.readAllLines(
                            folder.resolve(ParserLibrary.FIXTURES), StandardCharsets.UTF_8)) {
                for (EventNormalizer.Result r :
                        normalizer.normalizeAll(
                                new RawEvent("acme", vendor, line, "f:1", NOW), NOW)) {
                    if (r.event == null || r.event.raw == null || !r.event.raw.isDeferred()) {
                        continue;
                    }
                    RawFields flattened = JsonFields.flatten(Json.mapper().readTree(line));
                    assertThat(r.event.raw.asMap())
                            .as(vendor + ": " + line)
                            .isEqualTo(flattened.asMap());
                    assertThat(r.event.raw).isEqualTo(flattened);
                    deferred++;
                }
            }
        }
        assertThat(deferred).as("whole-line records keep their text").isGreaterThan(150);
    }

    @Test
    void recordsOfAPageAndLargeRecordsAreFlattenedAtOnce() {
        EventNormalizer normalizer = new EventNormalizer();
        String record =
                "{\"time\":\"Fri Nov 20 12:00:01"
                        + " 2026\",\"login\":\"a@acme.com\",\"urlcat\":\"News\","
                        + "\"eurl\":\"news.example/\",\"action\":\"Allowed\"%s}";
        RawEvent page =
                new RawEvent("acme", "zscaler", "[" + String.format(record, "") + "]", "f:1", NOW);
        RawFields ofPage = normalizer.normalize(page, NOW).event.raw;
        assertThat(ofPage.isDeferred()).isFalse();
        assertThat(ofPage.get("login")).isEqualTo("a@acme.com");

        String large =
                String.format(
                        record,
                        ",\"note\":\"" + "n".repeat(EventNormalizer.MAX_DEFERRED_RAW_CHARS) + "\"");
        RawFields ofLarge =
                normalizer.normalize(new RawEvent("acme", "zscaler", large, "f:2", NOW), NOW)
                        .event
                        .raw;
        assertThat(ofLarge.isDeferred()).isFalse();
        assertThat(ofLarge.get("note")).hasSize(2048); // the flattening's cap

        RawEvent line = new RawEvent("acme", "zscaler", String.format(record, ""), "f:3", NOW);
        RawFields ofLine = normalizer.normalize(line, NOW).event.raw;
        assertThat(ofLine.isDeferred()).isTrue();
        assertThat(ofLine.get("urlcat")).isEqualTo("News");
        assertThat(ofLine.isDeferred()).isFalse();
    }
}
