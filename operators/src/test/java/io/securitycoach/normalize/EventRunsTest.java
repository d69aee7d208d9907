package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Normalize counts a record's events at once per run of one vendor: a page under {@code auto} may
 * hold several vendors' records, and each vendor's counters must get its own.
 */
class EventRunsTest {
    private static final long NOW = Fixtures.NOW;
    private static final String ZSCALER =
            "{\"sourcetype\":\"zscalernss-web\",\"event\":{\"datetime\":\"2026-11-20 10:05:00\","
                    + "\"event_id\":\"%s\",\"user\":\"alice.martin@acme.com\",\"urlcategory\":"
                    + "\"News\",\"url\":\"news.example/\",\"action\":\"Allowed\"}}";
    private static final String OKTA =
            "{\"uuid\":\"%s\",\"published\":\""
                    + Instant.ofEpochMilli(NOW - 60_000)
                    + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":"
                    + "\"a@acme.com\"},\"outcome\":{\"result\":\"SUCCESS\"}}";

    @Test
    void aPageOfSeveralVendorsCountsEachRunUnderItsVendor() {
        String page =
                "{\"value\": ["
                        + String.format(ZSCALER, "z1")
                        + ", "
                        + String.format(ZSCALER, "z2")
                        + ", {\"no\": \"shape\"}, "
                        + String.format(OKTA, "o1")
                        + ", "
                        + String.format(ZSCALER, "z3")
                        + "]}";
        List<EventNormalizer.Result> results =
                new EventNormalizer()
                        .normalizeAll(new RawEvent("acme", "auto", page, "f.jsonl:1", NOW), NOW);
        assertThat(results)
                .extracting(r -> r.event == null ? "dead" : r.vendor)
                .containsExactly("zscaler", "zscaler", "dead", "okta", "zscaler");

        List<String> runs = new ArrayList<>();
        NormalizeFunction.eventRuns(results, (vendor, n) -> runs.add(vendor + "=" + n));

        assertThat(runs).containsExactly("zscaler=2", "okta=1", "zscaler=1");
    }
}
