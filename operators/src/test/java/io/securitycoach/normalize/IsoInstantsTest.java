package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    @Test
    void agreesWithInstantParseOnRandomInstantsOfEveryPrecision() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant t =
                    Instant.ofEpochSecond(
                            random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
            String iso = t.toString(); // 0, 3, 6 or 9 fraction digits
            String trimmed = iso;
            if (iso.contains(".")) {
                int dot = iso.indexOf('.');
                int digits = iso.length() - dot - 2;
                trimmed =
                        iso.substring(0, dot + 1 + 1 + random.nextInt(digits))
                                + "Z"; // 1..all of them
            }
            assertThat(IsoInstants.parseMillis(trimmed))
                    .as(trimmed)
                    .isEqualTo(Instant.parse(trimmed).toEpochMilli());
        }
    }

    @Test
    void otherShapesGoToTheStandardParserWithItsErrors() {
        assertThat(IsoInstants.parseMillis("2026-11-20T09:00:12.049Z"))
                .isEqualTo(Instant.parse("2026-11-20T09:00:12.049Z").toEpochMilli());
        assertThat(IsoInstants.parseMillis("2024-02-29T23:59:59Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59Z").toEpochMilli());
        // The standard parser's own leniencies stay: 24:00 is the next midnight, an empty fraction
        // is none.
        for (String odd :
                new String[] {
                    "2026-11-20T24:00:00Z", "2026-11-20T10:00:00.Z", "2026-11-20T10:00:00+01:00"
                }) {
            assertThat(IsoInstants.parseMillis(odd))
                    .as(odd)
                    .isEqualTo(Instant.parse(odd).toEpochMilli());
        }
        for (String bad :
                new String[] {
                    "2026-02-30T10:00:00Z",
                    "2026-11-20T10:00:00",
                    "2026-11-20T10:00:00.1234567890Z",
                    "yesterday",
                    "2026-1x-20T10:00:00Z"
                }) {
            assertThatThrownBy(() -> IsoInstants.parseMillis(bad))
                    .as(bad)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void unambiguousCollectorSpellingsReadAsTheSameInstant() {
        long utc = Instant.parse("2026-11-20T09:00:12.049Z").toEpochMilli();
        for (String same :
                new String[] {
                    "2026-11-20T09:00:12.049+0000",
                    "2026-11-20T09:00:12.049+00:00",
                    "2026-11-20 09:00:12.049Z",
                    "2026-11-20 09:00:12.049+0000",
                    "2026-11-20T09:00:12.049z",
                    "2026-11-20T10:00:12.049+0100",
                    "2026-11-20T10:00:12.049+01",
                    "2026-11-20T04:00:12.049-0500",
                    "2026-11-20T09:00:12.049123456Z",
                    "2026-11-20T09:00:12.049123456+0000"
                }) {
            assertThat(IsoInstants.parseMillis(same)).as(same).isEqualTo(utc);
        }
        for (String ambiguous :
                new String[] {
                    "2026-11-20 09:00:12", "2026-11-20T09:00:12.049", "2026-11-20T09:00"
                }) {
            assertThatThrownBy(() -> IsoInstants.parseMillis(ambiguous))
                    .as(ambiguous)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
