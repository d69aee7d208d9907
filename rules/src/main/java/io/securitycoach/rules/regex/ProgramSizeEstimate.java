package io.securitycoach.rules.regex;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound of the number of instructions RE2/J compiles a pattern to, read from the pattern
 * text alone, so it can be checked before RE2/J expands anything. RE2/J copies a counted repetition
 * {@code x{n,m}} into n copies of x and m-n optional ones while compiling: {@code
 * ((a{1000}){1000}){1000}} is 34 characters and 10^9 instructions. The sizes follow RE2/J's
 * compiler: 1 per literal character, class, {@code .} or assertion; 2 per capturing group; 1 per
 * {@code |}; 1 for {@code +}, {@code ?}; 2 for {@code *}; an empty sequence is one no-op; and 2 for
 * the program's start and end. RE2/J's own simplifications (merged alternatives, collapsed repeats)
 * only make the real program smaller. Syntax errors are RE2/J's to report; the estimate is still an
 * upper bound for any text RE2/J accepts.
 */
final class ProgramSizeEstimate {
    /**
     * Saturation value: far above any limit, never overflows when added or multiplied once more.
     */
    static final long SATURATED = Long.MAX_VALUE / 4;

    private final String p;
    private final Deque<Sequence> open = new ArrayDeque<>();
    private int i;

    private ProgramSizeEstimate(String pattern) {
        this.p = pattern;
    }

    /**
     * The estimated instruction count of {@code pattern}'s RE2/J program, saturating at {@link
     * #SATURATED}.
     */
    static long of(String pattern) {
        ProgramSizeEstimate e = new ProgramSizeEstimate(pattern);
        return add(e.run(), 2); // the program's FAIL and MATCH instructions
    }

    private long run() {
        open.push(new Sequence(Sequence.TOP));
        while (i < p.length()) {
            step();
        }
        while (open.size() > 1) { // an unclosed group: RE2/J rejects it, count it anyway
            Sequence group = open.pop();
            open.peek().atom(group.close());
        }
        return open.pop().close();
    }

    private void step() {
        char c = p.charAt(i);
        Sequence s = open.peek();
        switch (c) {
            case '(':
                openGroup();
                return;
            case ')':
                closeGroup();
                return;
            case '|':
                s.alternate();
                i++;
                return;
            case '*':
                quantify(s, Quantifier.STAR);
                return;
            case '+':
                quantify(s, Quantifier.PLUS);
                return;
            case '?':
                quantify(s, Quantifier.QUEST);
                return;
            case '{':
                repeatOrLiteral(s);
                return;
            case '[':
                i = Syntax.classEnd(p, i);
                s.atom(1);
                return;
            case '\\':
                escape(s);
                return;
            default:
                i++;
                s.atom(1);
        }
    }

    private void openGroup() {
        if (p.startsWith("(?", i) && !p.startsWith("(?P<", i) && !p.startsWith("(?<", i)) {
            int j = i + 2;
            while (j < p.length() && p.charAt(j) != ')' && p.charAt(j) != ':') {
                j++;
            }
            boolean flagsOnly = j < p.length() && p.charAt(j) == ')';
            i = Math.min(p.length(), j + 1);
            if (!flagsOnly) {
                open.push(new Sequence(Sequence.PLAIN));
            }
            return;
        }
        int named = p.startsWith("(?P<", i) || p.startsWith("(?<", i) ? p.indexOf('>', i) : -1;
        i = named >= 0 ? named + 1 : i + 1; // a group's name is no part of the program
        open.push(new Sequence(Sequence.CAPTURE));
    }

    private void closeGroup() {
        i++;
        if (open.size() == 1) {
            open.peek().atom(1); // unmatched: RE2/J rejects it
            return;
        }
        Sequence group = open.pop();
        open.peek().atom(group.close());
    }

    private void quantify(Sequence s, Quantifier q) {
        i++;
        if (i < p.length() && p.charAt(i) == '?') {
            i++; // non-greedy: same size
        }
        s.quantify(q, 0, 0);
    }

    /**
     * {@code {n}}, {@code {n,}} or {@code {n,m}} as RE2/J reads them; anything else is a literal
     * '{'.
     */
    private void repeatOrLiteral(Sequence s) {
        int close = p.indexOf('}', i);
        long[] bounds = close < 0 ? null : Syntax.repeatBounds(p.substring(i + 1, close));
        if (bounds == null) {
            i++;
            s.atom(1);
            return;
        }
        i = close + 1;
        if (i < p.length() && p.charAt(i) == '?') {
            i++;
        }
        s.quantify(Quantifier.REPEAT, bounds[0], bounds[1]);
    }

    private void escape(Sequence s) {
        if (p.startsWith("\\Q", i)) {
            int end = p.indexOf("\\E", i + 2);
            int stop = end < 0 ? p.length() : end;
            for (int j = i + 2; j < stop; j++) {
                s.atom(1); // each quoted character is its own literal: a quantifier takes the last
                // one only
            }
            i = end < 0 ? p.length() : end + 2;
            return;
        }
        i = Syntax.escapeEnd(p, i);
        s.atom(1);
    }

    static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    static long mul(long a, long b) {
        return a != 0 && b > SATURATED / a ? SATURATED : Math.min(SATURATED, a * b);
    }
}
