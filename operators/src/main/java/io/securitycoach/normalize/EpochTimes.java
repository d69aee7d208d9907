package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Vendor times as epoch millis without silent wrap-around: Jackson's {@code asLong()} keeps the low
 * 64 bits of a larger number and {@code seconds * 1000} can overflow, either of which turns garbage
 * into a plausible date. Every event time must also fall in the plausible range 1970-01-01 to
 * 2200-01-01 (UTC); anything else is {@code invalid_time}, never an exception or a wrapped value.
 */
public final class EpochTimes {
    /** Earliest event time the job accepts at all (the epoch). */
    public static final long MIN_MILLIS = 0L;

    /** Latest event time the job accepts at all (exclusive): 2200-01-01T00:00:00Z. */
    public static final long MAX_MILLIS = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    private EpochTimes() {}

    /** A JSON number or digit string of epoch seconds (fractions dropped) as epoch millis. */
    public static long secondsToMillis(JsonNode value, String field) throws NormalizationException {
        long seconds;
        if (value.isTextual()) {
            try {
                seconds = Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "is not epoch seconds: " + abbreviate(value.asText()));
            }
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            seconds = value.asLong();
        } else if (value.isFloatingPointNumber()
                && Math.abs(value.asDouble()) < Long.MAX_VALUE / 1000d) {
            seconds = (long) value.asDouble(); // NaN and infinities fail the test above
        } else {
            throw invalid(field, "is not epoch seconds in range: " + abbreviate(value.asText()));
        }
        try {
            return checked(Math.multiplyExact(seconds, 1000L), field);
        } catch (ArithmeticException e) {
            throw invalid(field, "is not epoch seconds in range: " + seconds);
        }
    }

    /**
     * An epoch number whose unit its magnitude tells (a JSON number or digit string): below 10^11
     * seconds (10^11 ms is 1973, 10^11 s the year 5138), below 10^14 milliseconds, below 10^17
     * microseconds, else nanoseconds; fractions dropped. Every unit's plausible range (1970..2200)
     * lies inside its own band, so no value can be read in two units.
     */
    public static long byMagnitude(JsonNode value, String field) throws NormalizationException {
        long number;
        if (value.isTextual()) {
            try {
                number = Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "is not an epoch number: " + abbreviate(value.asText()));
            }
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.asLong();
        } else if (value.isFloatingPointNumber() && Math.abs(value.asDouble()) < 1e11) {
            number = (long) value.asDouble(); // fractional seconds; NaN fails the test above
        } else {
            throw invalid(field, "is not an epoch number in range: " + abbreviate(value.asText()));
        }
        if (number < 0) {
            throw invalid(field, "is before 1970: " + number);
        }
        long millis =
                number < 100_000_000_000L
                        ? number * 1000L
                        : number < 100_000_000_000_000L
                                ? number
                                : number < 100_000_000_000_000_000L
                                        ? number / 1000L
                                        : number / 1_000_000L;
        return checked(millis, field);
    }

    /** {@code millis} itself when it lies in the plausible range, else {@code invalid_time}. */
    public static long checked(long millis, String field) throws NormalizationException {
        if (millis < MIN_MILLIS || millis >= MAX_MILLIS) {
            throw invalid(field, "is outside 1970-01-01..2200-01-01: " + millis + " ms");
        }
        return millis;
    }

    private static NormalizationException invalid(String field, String what) {
        return new NormalizationException(Reasons.INVALID_TIME, field + " " + what);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
