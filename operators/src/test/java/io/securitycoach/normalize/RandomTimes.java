package io.securitycoach.normalize;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Random times written in a pattern, and texts one edit away: for the hand-written readers' tests.
 */
public final class RandomTimes {
    private RandomTimes() {}

    /** A random instant (1970 to 2038) at a random quarter-hour offset, written in the pattern. */
    public static String written(String pattern, Random random) {
        Instant t =
                Instant.ofEpochSecond(
                        random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(36 * 4 + 1) * 900 - 18 * 3600);
        return t.atOffset(offset).format(DateTimeFormatter.ofPattern(pattern));
    }

    /** The text with one character replaced, inserted (from {@code characters}) or removed. */
    public static String mutated(String text, String characters, Random random) {
        int at = random.nextInt(text.length());
        char c = characters.charAt(random.nextInt(characters.length()));
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
