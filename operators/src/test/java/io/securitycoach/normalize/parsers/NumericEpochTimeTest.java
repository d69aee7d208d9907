package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A time written as a JSON integer is read as a number ({@link TimeFormat#fromNumber}) with the
 * result reading its text would give, and everything else is left to the text.
 */
class NumericEpochTimeTest {
    private static final List<String> EPOCHS =
            List.of("epoch_seconds", "epoch_millis", "epoch_micros", "epoch_nanos");

    @Test
    void integersReadAsNumbersGiveWhatTheirTextGives() {
        Random random = new Random(11);
        for (String format : EPOCHS) {
            TimeFormat time = TimeFormat.of(format, null);
            int compared = 0;
            for (int i = 0; i < 20_000; i++) {
                long value = randomEpoch(random);
                JsonNode node =
                        value == (int) value && random.nextBoolean()
                                ? IntNode.valueOf((int) value)
                                : LongNode.valueOf(value);
                long read = time.fromNumber(node);
                String text = node.asText();
                if (read != TimeFormat.AS_TEXT) {
                    assertThat(read).as(format + " " + text).isEqualTo(time.parse(text));
                    compared++;
                } else {
                    assertThat(format + " " + text)
                            .satisfiesAnyOf(
                                    s -> assertThat(textFails(time, text)).isTrue(),
                                    s -> assertThat(value).isEqualTo(Long.MIN_VALUE));
                }
            }
            assertThat(compared)
                    .as(format)
                    .isGreaterThan(5_000); // seconds: most random longs are out of range
        }
    }

    @Test
    void fractionsHugeNumbersTextsAndPatternsAreLeftToTheText() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (String format : EPOCHS) {
            TimeFormat time = TimeFormat.of(format, null);
            assertThat(time.fromNumber(nodes.numberNode(1772352000.5d)))
                    .isEqualTo(TimeFormat.AS_TEXT);
            assertThat(time.fromNumber(nodes.numberNode(BigInteger.TEN.pow(30))))
                    .isEqualTo(TimeFormat.AS_TEXT);
            assertThat(time.fromNumber(nodes.textNode("1772352000"))).isEqualTo(TimeFormat.AS_TEXT);
        }
        assertThat(TimeFormat.of("iso8601", null).fromNumber(LongNode.valueOf(1772352000L)))
                .isEqualTo(TimeFormat.AS_TEXT);
        assertThat(TimeFormat.of("yyyyMMdd", null).fromNumber(IntNode.valueOf(20260301)))
                .isEqualTo(TimeFormat.AS_TEXT);
    }

    /** Mostly plausible times in each unit, some anywhere in a long's range. */
    private static long randomEpoch(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextLong();
            case 1:
                return random.nextInt();
            case 2:
                return 1_700_000_000L + random.nextInt(200_000_000);
            case 3:
                return 1_700_000_000_000L * (random.nextBoolean() ? 1 : 1_000_000)
                        + random.nextInt();
            default:
                return 1_700_000_000_000_000L + (random.nextLong() % 1_000_000_000_000_000L);
        }
    }

    private static boolean textFails(TimeFormat time, String text) {
        try {
            time.parse(text);
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
