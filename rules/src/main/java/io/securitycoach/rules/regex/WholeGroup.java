package io.securitycoach.rules.regex;

/**
 * Whether a pattern is one capturing group around everything but its anchors ({@code ^(...)$},
 * {@code (...)}): then the group's text is the match's. A scan of the pattern's text that answers
 * no whenever it is unsure (flags, {@code \Q...\E} quoting, named groups).
 */
final class WholeGroup {
    private WholeGroup() {}

    static boolean wrapsWholePattern(String pattern) {
        int from = pattern.startsWith("^") ? 1 : 0;
        int to = endsWithAnchor(pattern) ? pattern.length() - 1 : pattern.length();
        if (to - from < 2
                || pattern.charAt(from) != '('
                || pattern.charAt(from + 1) == '?'
                || pattern.contains("\\Q")) {
            return false;
        }
        return closingParen(pattern, from) == to - 1;
    }

    /**
     * A trailing {@code $} that is not escaped (an odd run of backslashes before it escapes it).
     */
    private static boolean endsWithAnchor(String pattern) {
        int last = pattern.length() - 1;
        if (last < 0 || pattern.charAt(last) != '$') {
            return false;
        }
        int backslashes = 0;
        for (int i = last - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closingParen(String pattern, int open) {
        int depth = 0;
        int i = open;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = afterClass(pattern, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * The index after a character class opened at {@code open} ({@code ]} first, or after {@code
     * ^}, is a member; {@code [:alpha:]} names hold no {@code ]} before their own end).
     */
    private static int afterClass(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int end = pattern.indexOf(":]", i + 2);
                i = end < 0 ? pattern.length() : end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return pattern.length();
    }
}
