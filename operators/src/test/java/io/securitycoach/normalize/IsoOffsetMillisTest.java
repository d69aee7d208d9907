package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand reader of ISO times with an offset never disagrees with {@link OffsetDateTime#parse}.
 */
class IsoOffsetMillisTest {
    private static final String DIGITS_AND_MORE = "0123456789+-:.TZ 9";

    @Test
    void agreesWithOffsetDateTimeOnRandomTimesAndOffsets() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = randomTime(random);
            assertThat(IsoInstants.offsetMillis(text))
                    .as(text)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        }
    }

    @Test
    void mutatedTextIsEitherLeftToTheGeneralParserOrReadAlike() {
        Random random = new Random(11);
        int readByHand = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = RandomTimes.mutated(randomTime(random), DIGITS_AND_MORE, random);
            long fast = IsoInstants.offsetMillis(text);
            if (fast == Long.MIN_VALUE) {
                continue;
            }
            readByHand++;
            assertThat(fast).as(text).isEqualTo(general(text));
        }
        assertThat(readByHand).isGreaterThan(1_000);
    }

    @Test
    void shapesItDoesNotReadAreLeftAlone() {
        for (String other :
                new String[] {
                    "2026-03-01T08:00:00Z",
                    "2026-03-01T08:00+01:00",
                    "2026-03-01T08:00:00+0100",
                    "2026-03-01T08:00:00+19:00",
                    "2026-02-30T08:00:00+01:00",
                    "2026-03-01T24:00:00+01:00",
                    "2026-03-01 08:00:00+01:00"
                }) {
            assertThat(IsoInstants.offsetMillis(other)).as(other).isEqualTo(Long.MIN_VALUE);
        }
    }

    private static long general(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new AssertionError("read by hand, refused by OffsetDateTime: " + text, e);
        }
    }

    private static String randomTime(Random random) {
        String fraction = random.nextBoolean() ? "" : "." + "S".repeat(1 + random.nextInt(9));
        return RandomTimes.written("uuuu-MM-dd'T'HH:mm:ss" + fraction + "xxx", random);
    }
}
