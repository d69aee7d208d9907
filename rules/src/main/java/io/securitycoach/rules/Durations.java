package io.securitycoach.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rule authors write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or
 * ISO-8601 {@code PT1H}.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("^(\\d{1,9})\\s*(ms|s|m|h|d)$");

    private Durations() {}

    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (expected e.g. 90s, 30m, 24h, 7d or PT1H)");
        }
    }
}
