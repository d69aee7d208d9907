package io.securitycoach.rules.regex;

import static io.securitycoach.rules.regex.ProgramSizeEstimate.add;
import static io.securitycoach.rules.regex.ProgramSizeEstimate.mul;

/**
 * What each repetition operator makes of an atom of size s, as RE2/J simplifies and compiles it.
 */
enum Quantifier {
    /** x*: a loop, plus one more instruction when x can match empty. */
    STAR,
    /** x+: x and a loop instruction. */
    PLUS,
    /** x?: an ALT before x. */
    QUEST,
    /** x{min,max} (max -1: unbounded): min copies of x, then max-min nested optional copies. */
    REPEAT;

    long size(long s, long min, long max) {
        switch (this) {
            case STAR:
                return add(s, 2);
            case PLUS:
                return add(s, 1);
            case QUEST:
                return add(s, 1);
            default:
                return repeat(s, min, max);
        }
    }

    private static long repeat(long s, long min, long max) {
        if (max == 0) {
            return 1; // x{0}: an empty match
        }
        if (max < 0) {
            return min == 0 ? add(s, 2) : add(mul(s, min), 1); // x{n,} is n-1 copies and x+
        }
        return add(mul(s, min), mul(add(s, 1), max - min));
    }
}
