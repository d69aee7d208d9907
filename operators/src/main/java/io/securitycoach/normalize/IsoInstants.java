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
            if (digits == 4 && digits(s, sign + 1, t.length()) >= 0) {
                t.insert(sign + 3, ':');
            } else if (digits == 2 && digits(s, sign + 1, t.length()) >= 0) {
                t.append(":00");
            }
        }
        return t.toString();
    }

    /** Long.MIN_VALUE when the text is not in the plain UTC shape. */
    private static long fastUtc(String s) {
        int n = s.length();
        if (!hasUtcSeparators(s, n)) {
            return Long.MIN_VALUE;
        }
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = fractionMillis(s, n);
        if (millis < 0) {
            return Long.MIN_VALUE;
        }
        long epochDay = epochDay(s);
        if (epochDay == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** {@code ????-??-??T??:??:??...Z}: at least 20 characters with the separators in place. */
    private static boolean hasUtcSeparators(String s, int n) {
        return n >= 20
                && s.charAt(n - 1) == 'Z'
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':';
    }

    /**
     * The milliseconds of the fraction after the seconds (0 when there is none), or -1 unless it is
     * a dot and 1 to 9 digits.
     */
    private static int fractionMillis(String s, int n) {
        if (n == 20) {
            return s.charAt(19) == 'Z' ? 0 : -1;
        }
        int scale = n - 21;
        if (s.charAt(19) != '.' || scale < 1 || scale > 9) {
            return -1;
        }
        int fraction = digits(s, 20, n - 1);
        if (fraction < 0) {
            return -1;
        }
        return scale >= 3 ? fraction / POW10[scale - 3] : fraction * POW10[3 - scale];
    }

    /** The epoch day of the date, or Long.MIN_VALUE when it is not digits or not a real date. */
    private static long epochDay(String s) {
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
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

    /** The decimal value of s[from, to), or -1 if any is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
