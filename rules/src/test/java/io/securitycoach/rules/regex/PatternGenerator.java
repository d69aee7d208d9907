package io.securitycoach.rules.regex;

import java.util.Random;

/**
 * Seeded random RE2 patterns: nested groups and counted repetitions, empty groups, alternations,
 * classes.
 */
final class PatternGenerator {
    private static final String[] ATOMS = {
        "a",
        "b",
        "c",
        ".",
        "^",
        "$",
        "\\d",
        "\\.",
        "\\pL",
        "\\p{Greek}",
        "\\x{41}",
        "\\x41",
        "[a-c]",
        "[^x]",
        "[]a]",
        "[[:alpha:]]",
        "[\\d\\]]",
        "\\b",
        "\\Qa(b\\E",
        "\\Q\\E",
        "()",
        "(?:)",
        "(?i)",
        "é",
        "\\z",
        "\\A",
        "{",
        "}",
        ",",
        "\\{"
    };
    private static final String[] QUANTIFIERS = {
        "*", "+", "?", "*?", "+?", "??", "{0}", "{1}", "{0,}", "{1,}", "{2,}", "{0,1}", "{1,1}",
        "{0,3}", "{2,5}", "{3}", "{7}", "{12}", "{25,40}", "{x}", "{,3}", "{02}", "{3,2}"
    };
    private static final String JUNK = "ab(){}[]|*+?\\^$.,:0123PQEx<>-";

    private final Random random;

    PatternGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A pattern from the grammar, at most {@code depth} groups deep. */
    String pattern(int depth) {
        StringBuilder out = new StringBuilder();
        alternation(out, depth);
        return out.toString();
    }

    /**
     * Any characters that matter to RE2's syntax, in any order: mostly invalid, some valid
     * oddities.
     */
    String junk(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(JUNK.charAt(random.nextInt(JUNK.length())));
        }
        return out.toString();
    }

    private void alternation(StringBuilder out, int depth) {
        int alternatives = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
        for (int a = 0; a < alternatives; a++) {
            if (a > 0) {
                out.append('|');
            }
            int pieces = random.nextInt(4);
            for (int i = 0; i < pieces; i++) {
                piece(out, depth);
            }
        }
    }

    private void piece(StringBuilder out, int depth) {
        if (depth > 0 && random.nextInt(3) == 0) {
            int name = random.nextInt(1000);
            String[] opens = {"(", "(?:", "(?P<g" + name + ">", "(?i:", "(?<n" + name + ">"};
            out.append(opens[random.nextInt(opens.length)]);
            alternation(out, depth - 1);
            out.append(')');
        } else {
            out.append(ATOMS[random.nextInt(ATOMS.length)]);
        }
        if (random.nextInt(2) == 0) {
            out.append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
        }
    }
}
