package io.securitycoach.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC instants ({@code 2026-11-20T09:00:12.049Z}, the shape Okta, Proofpoint and Graph
 * use) to epoch millis without the general {@code DateTimeFormatter} machinery, which costs about
 * as much as parsing the whole record. Anything else (offsets, leap seconds, odd shapes) takes the
 * standard parser, so the result and the errors are always those of {@link Instant#parse}, after
 * the unambiguous spellings collectors write are brought to its form: a space for the {@code T}, a
 * lower-case {@code z}, and offsets without a colon ({@code +0000}) or without minutes ({@code
 * +01}). A time without any offset stays an error: its zone is a guess.
 */
public final class IsoInstants {
    private IsoInstants() {}

    /**
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} does
     */
    public static long parseMillis(String s) {
        long fast = fastUtc(s);
        return fast != Long.MIN_VALUE ? fast : Instant.parse(canonical(s)).toEpochMilli();
    }

    /** The text in {@link Instant#parse}'s form where only the spelling differs. */
    static String canonical(String s) {
        if (s.length() < 20) {
            return s;
        }
        StringBuilder t = new StringBuilder(s.length() + 3).append(s);
        if (t.charAt(10) == ' ') {
            t.setCharAt(10, 'T');
        }
        int last = t.length() - 1;
        if (t.charAt(last) == 'z') {
            t.setCharAt(last, 'Z');
        }
        int sign = Math.max(t.lastIndexOf("+"), t.lastIndexOf("-"));
        if (sign > 18) {
            int digits = t.length() - sign - 1;
            if (digits == 4 && Digits.value(s, sign + 1, t.length()) >= 0) {
                t.insert(sign + 3, ':');
            } else if (digits == 2 && Digits.value(s, sign + 1, t.length()) >= 0) {
                t.append(":00");
            }
        }
        return t.toString();
    }

    /** Long.MIN_VALUE when the text is not in the plain UTC shape. */
    private static long fastUtc(String s) {
        int n = s.length();
        return n >= 20 && s.charAt(n - 1) == 'Z' ? localMillis(s, n - 1) : Long.MIN_VALUE;
    }

    /**
     * {@code 2026-03-01T08:00:00.123456+01:00} (seconds, an optional fraction of 1 to 9 digits, an
     * offset with a colon) to epoch millis, the same as {@code OffsetDateTime.parse(s)} gives;
     * {@code Long.MIN_VALUE} for any other shape (the caller's general parser then decides).
     */
    public static long offsetMillis(String s) {
        int n = s.length();
        if (n < 25 || s.charAt(n - 3) != ':') {
            return Long.MIN_VALUE;
        }
        char sign = s.charAt(n - 6);
        int hours = Digits.value(s, n - 5, n - 3);
        int minutes = Digits.value(s, n - 2, n);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
            return Long.MIN_VALUE;
        }
        int offsetSeconds = hours * 3600 + minutes * 60;
        if (offsetSeconds > 18 * 3600) {
            return Long.MIN_VALUE; // out of ZoneOffset's range: the general parser's error
        }
        long local = localMillis(s, n - 6);
        if (local == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return local - (sign == '+' ? offsetSeconds : -offsetSeconds) * 1000L;
    }

    /**
     * The date and time in s[0, end) ({@code ????-??-??T??:??:??} and an optional fraction) as
     * millis since the epoch read as UTC, or Long.MIN_VALUE when it is not in that shape.
     */
    private static long localMillis(String s, int end) {
        if (!hasSeparators(s, end)) {
            return Long.MIN_VALUE;
        }
        int hour = Digits.value(s, 11, 13);
        int minute = Digits.value(s, 14, 16);
        int second = Digits.value(s, 17, 19);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = fractionMillis(s, end);
        if (millis < 0) {
            return Long.MIN_VALUE;
        }
        long epochDay = epochDay(s);
        if (epochDay == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /**
     * {@code ????-??-??T??:??:??}: at least 19 characters before {@code end}, separators in place.
     */
    private static boolean hasSeparators(String s, int end) {
        return end >= 19
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':';
    }

    /**
     * The milliseconds of the fraction between the seconds and {@code end} (0 when there is none),
     * or -1 unless it is a dot and 1 to 9 digits.
     */
    private static int fractionMillis(String s, int end) {
        if (end == 19) {
            return 0;
        }
        int scale = end - 20;
        if (s.charAt(19) != '.' || scale < 1 || scale > 9) {
            return -1;
        }
        int fraction = Digits.value(s, 20, end);
        if (fraction < 0) {
            return -1;
        }
        return scale >= 3 ? fraction / POW10[scale - 3] : fraction * POW10[3 - scale];
    }

    /** The epoch day of the date, or Long.MIN_VALUE when it is not digits or not a real date. */
    private static long epochDay(String s) {
        int year = Digits.value(s, 0, 4);
        int month = Digits.value(s, 5, 7);
        int day = Digits.value(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay(); // validates (Feb 30 falls through)
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static final int[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
}
