package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochTimesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SECONDS = Instant.parse("2026-11-20T09:00:12Z").getEpochSecond();

    @Test
    void theUnitComesFromTheMagnitude() throws Exception {
        long millis = SECONDS * 1000L;
        assertThat(EpochTimes.byMagnitude(NODES.numberNode(SECONDS), "t")).isEqualTo(millis);
        assertThat(EpochTimes.byMagnitude(NODES.numberNode(millis + 49), "t"))
                .isEqualTo(millis + 49);
        assertThat(EpochTimes.byMagnitude(NODES.numberNode(millis * 1000L + 49_123), "t"))
                .isEqualTo(millis + 49);
        assertThat(EpochTimes.byMagnitude(NODES.numberNode(millis * 1_000_000L + 49_123_456), "t"))
                .isEqualTo(millis + 49);
        assertThat(EpochTimes.byMagnitude(new TextNode(" " + SECONDS + " "), "t"))
                .isEqualTo(millis);
        assertThat(EpochTimes.byMagnitude(NODES.numberNode(SECONDS + 0.75), "t")).isEqualTo(millis);
    }

    @Test
    void whatNoUnitMakesPlausibleIsInvalid() {
        for (Object bad : new Object[] {-5L, "12ab", "", 1e30, Double.NaN}) {
            assertThatThrownBy(
                            () ->
                                    EpochTimes.byMagnitude(
                                            bad instanceof String
                                                    ? new TextNode((String) bad)
                                                    : bad instanceof Long
                                                            ? NODES.numberNode((Long) bad)
                                                            : NODES.numberNode((Double) bad),
                                            "t"))
                    .as(String.valueOf(bad))
                    .isInstanceOf(NormalizationException.class)
                    .extracting(e -> ((NormalizationException) e).reason())
                    .isEqualTo(Reasons.INVALID_TIME);
        }
    }
}
