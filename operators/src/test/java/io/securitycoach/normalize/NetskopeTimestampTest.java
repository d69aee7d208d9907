package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Netskope's {@code timestamp} reads the same whether it arrives as a JSON number or as text
 * (numbers skip the text on the hot path, so both forms are checked side by side).
 */
class NetskopeTimestampTest {
    private static final long NOW = 1_795_300_000_000L;
    private final EventNormalizer normalizer = new EventNormalizer();

    @ParameterizedTest
    @CsvSource({
        "1795170000, 1795170000000",
        "1795170000123, 1795170000123",
        "-1795170000, invalid_time",
        "1000000000000000, invalid_time",
        "99999999999999999999, invalid_time"
    })
    void aNumberAndItsTextGiveTheSameTimeOrTheSameReason(String timestamp, String expected) {
        assertThat(outcome(timestamp)).isEqualTo(expected);
        assertThat(outcome("\"" + timestamp + "\"")).isEqualTo(expected);
    }

    private String outcome(String timestamp) {
        String record =
                "{\"_id\":\"n1\",\"timestamp\":"
                        + timestamp
                        + ",\"type\":\"page\",\"ucg\":\"acme\",\"user\":\"erin@acme.com\"}";
        EventNormalizer.Result r =
                normalizer.normalize(new RawEvent("acme", "netskope", record, "t", NOW), NOW);
        return r.event != null ? Long.toString(r.event.eventTime) : r.deadLetter.reason;
    }
}
