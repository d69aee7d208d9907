package io.securitycoach.normalize.parsers;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper estimate of the size of the program RE2/J compiles a pattern to, read from the pattern
 * text before it is compiled. RE2/J matches in time linear in the text, but times the program size,
 * and it expands counted repetitions: {@code ((a{1000}){1000}){1000}} is 34 characters and exhausts
 * the heap while compiling. RE2/J keeps its parse tree and program size private, so this count is
 * ours: every atom (a character, an escape, a class, {@code .}) costs 1, times the bounds of the
 * counted repetitions around it. It only needs to be an upper bound that is tight for ordinary
 * patterns; syntax errors are left to RE2/J.
 */
final class RegexCost {
    private RegexCost() {}

    /** The estimated cost, saturating at {@link Long#MAX_VALUE} / 2. */
    static long of(String pattern) {
        Deque<long[]> groups = new ArrayDeque<>(); // each: the cost so far inside an open group
        groups.push(new long[]{0});
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            long atom;
            if (c == '(') {
                groups.push(new long[]{0});
                i++;
                continue;
            } else if (c == ')' && groups.size() > 1) {
                atom = groups.pop()[0];
                i++;
            } else if (c == '\\' && i + 1 < n && pattern.charAt(i + 1) == 'Q') {
                int end = pattern.indexOf("\\E", i + 2);
                atom = (end < 0 ? n : end) - (i + 2); // literal text; counted whole under a quantifier (an upper bound)
                i = end < 0 ? n : end + 2;
            } else if (c == '\\') {
                i = escapeEnd(pattern, i);
                atom = 1;
            } else if (c == '[') {
                i = classEnd(pattern, i);
                atom = 1;
            } else {
                i++;
                atom = 1;
            }
            // quantifiers after the atom multiply it: a{3} is aaa, a{2,5} is aa(a(a(a)?)?)?
            while (i < n) {
                char q = pattern.charAt(i);
                if (q == '*' || q == '+' || q == '?') {
                    atom = mul(atom, 2);
                    i++;
                } else if (q == '{') {
                    int close = pattern.indexOf('}', i);
                    long bound = close < 0 ? -1 : repeatBound(pattern.substring(i + 1, close));
                    if (bound < 0) {
                        break; // not a repetition: a literal {
                    }
                    atom = mul(atom, bound);
                    i = close + 1;
                } else {
                    break;
                }
            }
            groups.peek()[0] = add(groups.peek()[0], atom);
        }
        long total = 0;
        while (!groups.isEmpty()) {
            total = add(total, groups.pop()[0]); // unclosed groups: RE2/J rejects them, but count them anyway
        }
        return total;
    }

    /** {@code n}, {@code n,} or {@code n,m}: the largest number of copies it makes (n+1 for n,); -1 if not a repetition. */
    private static long repeatBound(String inside) {
        int comma = inside.indexOf(',');
        String min = comma < 0 ? inside : inside.substring(0, comma);
        String max = comma < 0 ? "" : inside.substring(comma + 1);
        if (!digits(min) || (!max.isEmpty() && !digits(max))) {
            return -1;
        }
        long low = Long.parseLong(min);
        long high = comma < 0 ? low : max.isEmpty() ? low + 1 : Long.parseLong(max);
        return Math.max(1, Math.max(low, high));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /** After an escape: \x, \pL, \p{Greek}, \x{10FFFF}, \123. */
    private static int escapeEnd(String p, int i) {
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
    private static int classEnd(String p, int i) {
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

    private static long add(long a, long b) {
        return Math.min(Long.MAX_VALUE / 2, a + b);
    }

    private static long mul(long a, long b) {
        return a != 0 && b > (Long.MAX_VALUE / 2) / a ? Long.MAX_VALUE / 2 : a * b;
    }
}
