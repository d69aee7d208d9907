package io.securitycoach.normalize.parsers;

import io.securitycoach.normalize.Digits;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A time pattern made only of fixed-width numbers and literals ({@code yyyy-MM-dd'T'HH:mm:ssZ},
 * {@code yyyy/MM/dd HH:mm:ss}), read by hand: {@code DateTimeFormatter} costs a Mimecast record as
 * much as parsing its JSON. It reads only text that fits the layout exactly and is plainly valid;
 * for anything else it answers {@link #NO_FAST_PATH} and the formatter decides, so results and
 * errors stay the formatter's.
 */
final class FixedLayoutTime {
    static final long NO_FAST_PATH = Long.MIN_VALUE;

    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int HOUR = 3;
    private static final int MINUTE = 4;
    private static final int SECOND = 5;
    private static final int FRACTION = 6;
    private static final int OFFSET = 7;
    private static final int LITERAL = 8;
    private static final int[] NANOS_PER_DIGIT = {
        0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    /** Per segment: its kind, and its width (digits; 5 for an offset) or its literal character. */
    private final int[] kinds;

    private final int[] widths;
    private final ZoneId zone;

    private FixedLayoutTime(int[] kinds, int[] widths, ZoneId zone) {
        this.kinds = kinds;
        this.widths = widths;
        this.zone = zone;
    }

    /** The hand reader of the pattern, or null when the pattern has anything but the above. */
    static FixedLayoutTime of(String pattern, ZoneId zone) {
        List<int[]> segments = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                i = quoted(pattern, i, segments);
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int run = run(pattern, i);
                int[] field = field(c, run);
                if (field == null) {
                    return null;
                }
                segments.add(field);
                i += run;
            } else if ("[]{}#".indexOf(c) >= 0) {
                return null; // optional sections and reserved characters
            } else {
                segments.add(new int[] {LITERAL, c});
                i++;
            }
            if (i < 0) {
                return null;
            }
        }
        return complete(segments) ? build(segments, zone) : null;
    }

    /** Epoch millis, or {@link #NO_FAST_PATH} when the text does not fit the layout plainly. */
    long parse(String text) {
        int[] values = new int[8];
        int offsetSign = 0;
        int at = 0;
        for (int s = 0; s < kinds.length; s++) {
            int width = widths[s];
            if (kinds[s] == LITERAL) {
                if (at >= text.length() || text.charAt(at) != width) {
                    return NO_FAST_PATH;
                }
                at++;
                continue;
            }
            int digitsFrom = at;
            if (kinds[s] == OFFSET) {
                char sign = at < text.length() ? text.charAt(at) : ' ';
                if (sign != '+' && sign != '-') {
                    return NO_FAST_PATH;
                }
                offsetSign = sign == '+' ? 1 : -1;
                digitsFrom = at + 1;
                width = 4;
            }
            int v = Digits.value(text, digitsFrom, digitsFrom + width);
            if (v < 0) {
                return NO_FAST_PATH;
            }
            values[kinds[s]] = kinds[s] == FRACTION ? v * NANOS_PER_DIGIT[width] : v;
            at = digitsFrom + width;
        }
        return at == text.length() ? millis(values, offsetSign) : NO_FAST_PATH;
    }

    private long millis(int[] v, int offsetSign) {
        if (v[YEAR] < 1 || v[MONTH] < 1 || v[MONTH] > 12 || v[DAY] < 1 || v[HOUR] > 23) {
            return NO_FAST_PATH; // the formatter's resolver has its own view of these
        }
        if (v[MINUTE] > 59 || v[SECOND] > 59 || (v[DAY] > 28 && !isValidDay(v))) {
            return NO_FAST_PATH;
        }
        long epochDay = LocalDate.of(v[YEAR], v[MONTH], v[DAY]).toEpochDay();
        long localSeconds = epochDay * 86_400L + v[HOUR] * 3600L + v[MINUTE] * 60L + v[SECOND];
        int offsetSeconds;
        if (offsetSign != 0) {
            int hours = v[OFFSET] / 100;
            int minutes = v[OFFSET] % 100;
            if (minutes > 59 || hours * 3600 + minutes * 60 > 18 * 3600) {
                return NO_FAST_PATH;
            }
            offsetSeconds = offsetSign * (hours * 3600 + minutes * 60);
        } else if (zone instanceof ZoneOffset) {
            offsetSeconds = ((ZoneOffset) zone).getTotalSeconds();
        } else { // a region's offset depends on the date (and gaps or overlaps): java.time decides
            return LocalDateTime.of(v[YEAR], v[MONTH], v[DAY], v[HOUR], v[MINUTE], v[SECOND])
                            .atZone(zone)
                            .toInstant()
                            .toEpochMilli()
                    + v[FRACTION] / 1_000_000;
        }
        return (localSeconds - offsetSeconds) * 1000L + v[FRACTION] / 1_000_000;
    }

    private static boolean isValidDay(int[] v) {
        try {
            LocalDate.of(v[YEAR], v[MONTH], v[DAY]);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** A quoted literal from position i; the position after it, -1 when unterminated. */
    private static int quoted(String pattern, int i, List<int[]> segments) {
        int close = pattern.indexOf('\'', i + 1);
        if (close < 0) {
            return -1;
        }
        if (close == i + 1) {
            segments.add(new int[] {LITERAL, '\''}); // '' is a quote
        }
        for (int k = i + 1; k < close; k++) {
            segments.add(new int[] {LITERAL, pattern.charAt(k)});
        }
        return close + 1;
    }

    private static int run(String pattern, int i) {
        int end = i;
        while (end < pattern.length() && pattern.charAt(end) == pattern.charAt(i)) {
            end++;
        }
        return end - i;
    }

    /** The segment of a run of one pattern letter, or null when it is not a fixed-width number. */
    private static int[] field(char letter, int count) {
        switch (letter) {
            case 'y':
            case 'u':
                return count == 4 ? new int[] {YEAR, 4} : null;
            case 'M':
                return count == 2 ? new int[] {MONTH, 2} : null;
            case 'd':
                return count == 2 ? new int[] {DAY, 2} : null;
            case 'H':
                return count == 2 ? new int[] {HOUR, 2} : null;
            case 'm':
                return count == 2 ? new int[] {MINUTE, 2} : null;
            case 's':
                return count == 2 ? new int[] {SECOND, 2} : null;
            case 'S':
                return count <= 9 ? new int[] {FRACTION, count} : null;
            case 'Z':
                return count <= 3 ? new int[] {OFFSET, 5} : null; // +HHMM
            default:
                return null;
        }
    }

    /** Date, hour and minute each once; nothing twice. */
    private static boolean complete(List<int[]> segments) {
        int[] seen = new int[LITERAL];
        for (int[] s : segments) {
            if (s[0] != LITERAL && ++seen[s[0]] > 1) {
                return false;
            }
        }
        return seen[YEAR] == 1
                && seen[MONTH] == 1
                && seen[DAY] == 1
                && seen[HOUR] == 1
                && seen[MINUTE] == 1;
    }

    private static FixedLayoutTime build(List<int[]> segments, ZoneId zone) {
        int[] kinds = new int[segments.size()];
        int[] widths = new int[segments.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = segments.get(i)[0];
            widths[i] = segments.get(i)[1];
        }
        return new FixedLayoutTime(kinds, widths, zone);
    }
}
