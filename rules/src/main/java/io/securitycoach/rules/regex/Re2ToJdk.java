package io.securitycoach.rules.regex;

/**
 * An RE2 pattern rewritten for {@code java.util.regex} with the same matches and groups, for the
 * part of RE2's syntax whose meaning is the same in both once spelt out: literals, classes (with
 * {@code \d \w \s} spelt as RE2 defines them), {@code .}, anchors, groups and alternation, and
 * quantifiers on single characters only (a quantified group is where backtracking explodes and
 * where the two engines' empty-iteration captures differ). Anything else (flags, {@code \b}, {@code
 * \p}, POSIX classes, {@code \Q}, quantified groups) has no rewrite: null, and RE2/J alone runs it.
 * Both engines report the leftmost-first (Perl) match, so the rewrite keeps the groups too.
 */
final class Re2ToJdk {
    private static final String DIGIT = "0-9";
    private static final String WORD = "0-9A-Za-z_";
    private static final String SPACE = "\\t\\n\\f\\r ";

    /** Counts as RE2 reads them: no leading zeros, at most 1000. */
    private static final String REPEAT_COUNTS = "(0|[1-9]\\d{0,3})(,(0|[1-9]\\d{0,3})?)?";

    private final String re;
    private final StringBuilder out = new StringBuilder();
    private int at;

    private Re2ToJdk(String re) {
        this.re = re;
    }

    /** The java.util.regex spelling, or null when the pattern is outside the rewritable part. */
    static String rewrite(String re2) {
        Re2ToJdk r = new Re2ToJdk(re2);
        try {
            r.alternation();
            return r.at == re2.length() ? r.out.toString() : null;
        } catch (NoRewrite e) {
            return null;
        }
    }

    private void alternation() {
        concatenation();
        while (at < re.length() && re.charAt(at) == '|') {
            out.append('|');
            at++;
            concatenation();
        }
    }

    private void concatenation() {
        while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
            boolean single = atom();
            quantifier(single);
        }
    }

    /** One atom written out; true when it matches exactly one character. */
    private boolean atom() {
        char c = re.charAt(at++);
        switch (c) {
            case '(':
                group();
                return false;
            case '[':
                characterClass();
                return true;
            case '.':
                out.append("[^\\n]"); // RE2 without the s flag: anything but a newline
                return true;
            case '^':
                out.append("\\A"); // RE2 without the m flag: the start of the text only
                return false;
            case '$':
                out.append(
                        "\\z"); // the end of the text only (Java's $ also before a final newline)
                return false;
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
            case '{':
                throw new NoRewrite();
            default:
                literal(Character.codePointAt(re, at - 1));
                at += Character.charCount(Character.codePointAt(re, at - 1)) - 1;
                return true;
        }
    }

    private void group() {
        if (re.startsWith("?:", at)) {
            out.append("(?:");
            at += 2;
        } else if (at < re.length() && re.charAt(at) == '?') {
            throw new NoRewrite(); // flags and named groups
        } else {
            out.append('(');
        }
        alternation();
        if (at >= re.length() || re.charAt(at) != ')') {
            throw new NoRewrite();
        }
        out.append(')');
        at++;
    }

    /** {@code * + ? {n} {n,} {n,m}}, each maybe lazy, on a single-character atom only. */
    private void quantifier(boolean single) {
        if (at >= re.length() || "*+?{".indexOf(re.charAt(at)) < 0) {
            return;
        }
        if (!single) {
            throw new NoRewrite();
        }
        char q = re.charAt(at++);
        out.append(q);
        if (q == '{') {
            int close = re.indexOf('}', at);
            String counts = close < 0 ? "" : re.substring(at, close);
            if (!counts.matches(REPEAT_COUNTS)) {
                throw new NoRewrite(); // RE2 reads a malformed {..} (or {02}) as text
            }
            out.append(counts).append('}');
            at = close + 1;
        }
        if (at < re.length() && re.charAt(at) == '?') {
            out.append('?');
            at++;
        }
        if (at < re.length() && "*+?{".indexOf(re.charAt(at)) >= 0) {
            throw new NoRewrite();
        }
    }

    /** An escape outside a class; true when it stands for one character. */
    private boolean escape() {
        if (at >= re.length()) {
            throw new NoRewrite();
        }
        char c = re.charAt(at++);
        String named = namedClass(c);
        if (named != null) {
            out.append('[').append(named).append(']');
        } else if (c == 'D' || c == 'W' || c == 'S') {
            out.append("[^").append(namedClass(Character.toLowerCase(c))).append(']');
        } else {
            literal(escapedCodePoint(c));
        }
        return true;
    }

    private static String namedClass(char c) {
        return c == 'd' ? DIGIT : c == 'w' ? WORD : c == 's' ? SPACE : null;
    }

    /** The character an escape stands for (punctuation, control letters, hex), else no rewrite. */
    private int escapedCodePoint(char c) {
        switch (c) {
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'f':
                return '\f';
            case 'v':
                return 0x0B;
            case 'x':
                return hex();
            default:
                if (c < 128 && !Character.isLetterOrDigit(c)) {
                    return c;
                }
                throw new NoRewrite();
        }
    }

    private int hex() {
        String digits;
        if (at < re.length() && re.charAt(at) == '{') {
            int close = re.indexOf('}', at);
            digits = close < 0 ? "" : re.substring(at + 1, close);
            at = close + 1;
        } else {
            digits = re.length() >= at + 2 ? re.substring(at, at + 2) : "";
            at += 2;
        }
        if (!digits.matches("[0-9A-Fa-f]{1,6}")) {
            throw new NoRewrite();
        }
        int cp = Integer.parseInt(digits, 16);
        if (cp > Character.MAX_CODE_POINT) {
            throw new NoRewrite();
        }
        return cp;
    }

    private void characterClass() {
        out.append('[');
        if (at < re.length() && re.charAt(at) == '^') {
            out.append('^');
            at++;
        }
        boolean first = true;
        while (true) {
            if (at >= re.length()) {
                throw new NoRewrite();
            }
            char c = re.charAt(at);
            if (c == ']' && !first) {
                at++;
                out.append(']');
                return;
            }
            classItem();
            first = false;
        }
    }

    /** A character, a range or {@code \d \w \s} inside a class. */
    private void classItem() {
        if (re.startsWith("[:", at)) {
            throw new NoRewrite(); // POSIX names
        }
        int lo = classCharacter();
        if (lo < 0) {
            return; // a named class, written already
        }
        if (re.startsWith("-", at) && at + 1 < re.length() && re.charAt(at + 1) != ']') {
            at++;
            int hi = classCharacter();
            if (hi < lo) {
                throw new NoRewrite();
            }
            literal(lo);
            out.append('-');
            literal(hi);
        } else {
            literal(lo);
        }
    }

    /** The next class member's code point, or -1 after writing a named class. */
    private int classCharacter() {
        int cp = Character.codePointAt(re, at);
        at += Character.charCount(cp);
        if (cp != '\\') {
            return cp;
        }
        if (at >= re.length()) {
            throw new NoRewrite();
        }
        char c = re.charAt(at++);
        String named = namedClass(c);
        if (named != null) {
            out.append(named);
            return -1;
        }
        return escapedCodePoint(c);
    }

    /** A character written so that no engine reads it as syntax. */
    private void literal(int cp) {
        out.append("\\x{").append(Integer.toHexString(cp)).append('}');
    }

    /** The pattern leaves the rewritable part. */
    private static final class NoRewrite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoRewrite() {
            super(null, null, false, false);
        }
    }
}
