package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.EpochTimes;
import io.securitycoach.normalize.IsoInstants;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * How a configuration's event time is written: ISO-8601, epoch seconds or millis, or a pattern with
 * a zone.
 */
final class TimeFormat {
    private final String name;
    private final DateTimeFormatter pattern;

    /** The pattern read by hand where it is fixed-width numbers and literals, else null. */
    private final FixedLayoutTime layout;

    private final ZoneId zone;

    private TimeFormat(String name, String pattern, ZoneId zone) {
        this.name = name;
        this.pattern = pattern == null ? null : DateTimeFormatter.ofPattern(pattern);
        this.layout = pattern == null ? null : FixedLayoutTime.of(pattern, zone);
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException for an unknown zone or a bad pattern
     */
    static TimeFormat of(String format, String timeZone) {
        ZoneId zone = ZoneId.of(timeZone == null ? "UTC" : timeZone);
        String f = format == null ? "iso8601" : format;
        switch (f) {
            case "iso8601":
            case "epoch_seconds":
            case "epoch_millis":
            case "epoch_micros":
            case "epoch_nanos":
                return new TimeFormat(f, null, zone);
            default:
                if (f.indexOf('_') >= 0
                        && f.chars().allMatch(c -> c == '_' || (c >= 'a' && c <= 'z'))) {
                    // a misspelt keyword (epoch_milis) would otherwise read as a pattern: "Unknown
                    // pattern letter: o"
                    throw new IllegalArgumentException("unknown format '" + f + "'");
                }
                return new TimeFormat("pattern", f, zone);
        }
    }

    /**
     * Math.round would saturate at Long.MAX_VALUE (and NaN gives 0): refuse what is not a time
     * instead.
     */
    private static long secondsToMillis(double seconds) {
        double millis = seconds * 1000d;
        if (!Double.isFinite(millis) || Math.abs(millis) >= EpochTimes.MAX_MILLIS) {
            throw new DateTimeException("epoch seconds out of range: " + seconds);
        }
        return Math.round(millis);
    }

    /** What {@link #fromNumber} answers when the number is to be read as its text instead. */
    static final long AS_TEXT = Long.MIN_VALUE;

    /**
     * Epoch millis of a time written as a JSON integer, as {@link #parse} gives for its text but
     * without writing the number out and reading it back; {@link #AS_TEXT} for anything else (a
     * fraction, a number beyond a long, a text, a pattern's format, seconds out of range): the text
     * path then answers, errors included.
     */
    long fromNumber(JsonNode node) {
        if (!(node.isInt() || node.isLong())) {
            return AS_TEXT;
        }
        long value = node.longValue();
        switch (name) {
            case "epoch_seconds":
                // (double) of a long rounds to nearest as Double.parseDouble of its digits does
                double millis = value * 1000d;
                return Math.abs(millis) < EpochTimes.MAX_MILLIS ? Math.round(millis) : AS_TEXT;
            case "epoch_millis":
                return value; // Long.MIN_VALUE reads as AS_TEXT: the text path gives the same
            case "epoch_micros":
                return Math.floorDiv(value, 1_000L);
            case "epoch_nanos":
                return Math.floorDiv(value, 1_000_000L);
            default:
                return AS_TEXT;
        }
    }

    /**
     * Epoch millis. @throws DateTimeParseException or NumberFormatException when the text does not
     * fit
     */
    long parse(String text) {
        switch (name) {
            case "epoch_seconds":
                return secondsToMillis(Double.parseDouble(text));
            case "epoch_millis":
                return Long.parseLong(text);
            case "epoch_micros":
                return Math.floorDiv(Long.parseLong(text), 1_000L);
            case "epoch_nanos":
                return Math.floorDiv(Long.parseLong(text), 1_000_000L);
            case "iso8601":
                return iso(text);
            default:
                long fast = layout == null ? FixedLayoutTime.NO_FAST_PATH : layout.parse(text);
                if (fast != FixedLayoutTime.NO_FAST_PATH) {
                    return fast;
                }
                // one parse, then the written zone or offset if any: parseBest tried ZonedDateTime
                // first and threw (and filled a stack trace) for every record of a zone-less
                // pattern
                TemporalAccessor t = pattern.parse(text);
                ZoneId written = t.query(TemporalQueries.zone());
                return LocalDateTime.from(t)
                        .atZone(written != null ? written : zone)
                        .toInstant()
                        .toEpochMilli();
        }
    }

    /**
     * ISO-8601 with Z, an offset or none (the zone's), and the variant with a space for the T
     * (2026-03-01 08:00:00Z, as several vendors write it).
     */
    private long iso(String written) {
        String text =
                written.length() > 10 && written.charAt(10) == ' '
                        ? written.substring(0, 10) + 'T' + written.substring(11)
                        : written;
        try {
            if (text.endsWith("Z")) {
                try {
                    return IsoInstants.parseMillis(text);
                } catch (DateTimeParseException notAnInstant) {
                    // e.g. without seconds: the general parser below
                }
            }
            long fast = IsoInstants.offsetMillis(text);
            return fast != Long.MIN_VALUE
                    ? fast
                    : OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        }
    }
}
