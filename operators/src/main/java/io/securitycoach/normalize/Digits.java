package io.securitycoach.normalize;

/** Decimal digits read in place: the hand-written time readers' one helper. */
public final class Digits {
    private Digits() {}

    /**
     * The decimal value of s[from, to), or -1 when the range is empty, out of s or not all digits.
     */
    public static int value(String s, int from, int to) {
        if (from >= to || to > s.length()) {
            return -1;
        }
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
