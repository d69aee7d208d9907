package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
            String text = mutate(randomTime(random), random);
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
        Instant t =
                Instant.ofEpochSecond(
                        random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(36 * 4 + 1) * 900 - 18 * 3600);
        String fraction = random.nextBoolean() ? "" : "." + "S".repeat(1 + random.nextInt(9));
        DateTimeFormatter format =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + fraction + "xxx");
        return t.atOffset(offset).format(format);
    }

    private static String mutate(String text, Random random) {
        int at = random.nextInt(text.length());
        char c = DIGITS_AND_MORE.charAt(random.nextInt(DIGITS_AND_MORE.length()));
        switch (random.nextInt(3)) {
            case 0:
                return text.substring(0, at) + c + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + c + text.substring(at);
            default:
                return text.substring(0, at) + text.substring(at + 1);
        }
    }
}
