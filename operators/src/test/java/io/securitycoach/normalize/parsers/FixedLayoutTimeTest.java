package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.RandomTimes;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand reader of fixed-width patterns never disagrees with {@link DateTimeFormatter}. */
class FixedLayoutTimeTest {
    private static final List<String> PATTERNS =
            List.of(
                    "yyyy-MM-dd'T'HH:mm:ssZ",
                    "yyyy/MM/dd HH:mm:ss",
                    "yyyy-MM-dd HH:mm:ss.SSS",
                    "dd.MM.yyyy HH:mm",
                    "uuuuMMddHHmmss",
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ",
                    "'at' HH:mm:ss 'on' yyyy-MM-dd ZZ");
    private static final List<ZoneId> ZONES =
            List.of(
                    ZoneOffset.UTC,
                    ZoneOffset.ofHoursMinutes(5, 30),
                    ZoneId.of("America/New_York"),
                    ZoneId.of("Europe/Berlin"));
    private static final String CHARACTERS = "0123456789+-:./ T'9";

    @Test
    void agreesWithTheFormatterOnRandomTimesInEveryZone() {
        Random random = new Random(3);
        for (String pattern : PATTERNS) {
            for (ZoneId zone : ZONES) {
                FixedLayoutTime layout = FixedLayoutTime.of(pattern, zone);
                assertThat(layout).as(pattern).isNotNull();
                for (int i = 0; i < 3_000; i++) {
                    String text = RandomTimes.written(pattern, random);
                    assertThat(layout.parse(text))
                            .as(pattern + ": " + text)
                            .isEqualTo(formatter(pattern, zone, text));
                }
            }
        }
    }

    @Test
    void mutatedTextIsEitherLeftToTheFormatterOrReadAlike() {
        Random random = new Random(5);
        int readByHand = 0;
        for (String pattern : PATTERNS) {
            for (ZoneId zone : ZONES) {
                FixedLayoutTime layout = FixedLayoutTime.of(pattern, zone);
                for (int i = 0; i < 3_000; i++) {
                    String text =
                            RandomTimes.mutated(
                                    RandomTimes.written(pattern, random), CHARACTERS, random);
                    long fast = layout.parse(text);
                    if (fast != FixedLayoutTime.NO_FAST_PATH) {
                        readByHand++;
                        assertThat(fast)
                                .as(pattern + ": " + text)
                                .isEqualTo(formatter(pattern, zone, text));
                    }
                }
            }
        }
        assertThat(readByHand).isGreaterThan(5_000);
    }

    @Test
    void plainlyInvalidTimesAreLeftToTheFormatter() {
        FixedLayoutTime layout = FixedLayoutTime.of("yyyy-MM-dd HH:mm:ss", ZoneOffset.UTC);
        for (String odd :
                new String[] {
                    "2026-02-30 10:00:00",
                    "2026-11-20 24:00:00",
                    "0000-01-01 00:00:00",
                    "2026-13-01 00:00:00",
                    "2026-11-20 10:00:00 ",
                    "2026-11-20 10:00",
                    "20260-11-20 10:00:00"
                }) {
            assertThat(layout.parse(odd)).as(odd).isEqualTo(FixedLayoutTime.NO_FAST_PATH);
        }
    }

    @Test
    void patternsWithTextNamesOptionalPartsOrVariableWidthsAreNotReadByHand() {
        for (String pattern :
                new String[] {
                    "dd MMM yyyy HH:mm", "yyyy-MM-dd[ HH:mm]", "yy-MM-dd HH:mm", "yyyy-M-d H:m",
                    "yyyy-MM-dd HH:mm:ss z", "yyyy-MM-dd HH:mm:ss XXX", "yyyy-MM-dd", "HH:mm:ss",
                    "yyyy-MM-dd HH:mm 'unterminated"
                }) {
            assertThat(FixedLayoutTime.of(pattern, ZoneOffset.UTC)).as(pattern).isNull();
        }
    }

    /** What TimeFormat did before the hand reader: the formatter, then the written zone or ours. */
    private static long formatter(String pattern, ZoneId zone, String text) {
        try {
            TemporalAccessor t = DateTimeFormatter.ofPattern(pattern).parse(text);
            ZoneId written = t.query(TemporalQueries.zone());
            return LocalDateTime.from(t)
                    .atZone(written != null ? written : zone)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException e) {
            throw new AssertionError("read by hand, refused by the formatter: " + text, e);
        }
    }
}
