package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/verdicts.md is the verdict model per vendor; each of its table rows names the fixture
 * records that pin it down (their meaning is compared by {@link VendorFixturesTest}). A row without
 * a record, or naming one that does not exist, fails here, so the page and the corpus stay in step.
 */
class VerdictTableTest {
    private static final Path PAGE = Paths.get("..", "docs", "verdicts.md");
    private static final Pattern REFERENCE =
            Pattern.compile("`([a-z]+)/([A-Za-z0-9_-]+)\\.input\\.jsonl?:(\\d+)`");

    @Test
    void everyRowNamesFixtureRecordsThatExist() throws Exception {
        Map<String, Fixtures.Fixture> fixtures =
                Fixtures.all().stream()
                        .collect(Collectors.toMap(Fixtures.Fixture::toString, Function.identity()));
        List<String> rows = rows(Files.readString(PAGE));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6 * 5);
        for (String row : rows) {
            Matcher m = REFERENCE.matcher(row);
            int references = 0;
            while (m.find()) {
                references++;
                Fixtures.Fixture fixture = fixtures.get(m.group(1) + "/" + m.group(2));
                assertThat(fixture).as("fixture of " + m.group()).isNotNull();
                assertThat(fixture.records.size())
                        .as("record " + m.group())
                        .isGreaterThanOrEqualTo(Integer.parseInt(m.group(3)));
            }
            assertThat(references).as("fixture records named by the row: " + row).isPositive();
        }
    }

    @Test
    void everyBuiltInVendorHasItsSection() throws Exception {
        String page = Files.readString(PAGE);
        for (String vendor : VendorRegistry.builtIn().names()) {
            assertThat(page).as(vendor).contains("(`" + vendor + "`)\n");
        }
    }

    /** The body rows of the page's tables (not the header or the separator). */
    private static List<String> rows(String page) {
        List<String> rows = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| decides ")) {
                rows.add(line);
            }
        }
        return rows;
    }
}
