package io.securitycoach.rules.regex;

/** Where RE2 syntax elements end, and how it reads a counted repetition. */
final class Syntax {
    /** RE2/J refuses bounds above this; the estimate saturates on longer numbers instead. */
    private static final int MAX_DIGITS = 8;

    private Syntax() {}

    /**
     * The bounds of {@code {inside}} as RE2/J's parser reads them: {@code n}, {@code n,} (max -1)
     * or {@code n,m}; null when RE2/J takes the brace as a literal (no digits, leading zeros, other
     * text). Numbers RE2/J would refuse as too large saturate, so the estimate refuses them too.
     */
    static long[] repeatBounds(String inside) {
        int comma = inside.indexOf(',');
        String min = comma < 0 ? inside : inside.substring(0, comma);
        String max = comma < 0 ? min : inside.substring(comma + 1);
        if (!number(min) || (comma >= 0 && !max.isEmpty() && !number(max))) {
            return null;
        }
        long low = value(min);
        long high = comma >= 0 && max.isEmpty() ? -1 : value(max);
        return new long[] {low, high < 0 ? -1 : Math.max(low, high)};
    }

    private static boolean number(String s) {
        if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        return s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static long value(String digits) {
        return digits.length() > MAX_DIGITS
                ? ProgramSizeEstimate.SATURATED
                : Long.parseLong(digits);
    }

    /** After an escape: \x, \pL, \p{Greek}, \x{10FFFF}. */
    static int escapeEnd(String p, int i) {
        int j = i + 2;
        if (j > p.length()) {
            return p.length();
        }
        char e = p.charAt(i + 1);
        if ((e == 'p' || e == 'P' || e == 'x') && j < p.length() && p.charAt(j) == '{') {
            int close = p.indexOf('}', j);
            return close < 0 ? p.length() : close + 1;
        }
        if (e == 'p' || e == 'P') {
            return Math.min(p.length(), j + 1);
        }
        return j;
    }

    /** After a character class, which may start with ] or ^] and hold [:alpha:] and escapes. */
    static int classEnd(String p, int i) {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '\\') {
                j = escapeEnd(p, j);
            } else if (c == '[' && j + 1 < p.length() && p.charAt(j + 1) == ':') {
                int close = p.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return p.length();
    }
}
