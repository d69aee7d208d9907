package io.securitycoach.rules.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A customer regex that passed the {@link RegexGate}: compiled once, immutable, shared by every
 * task and org that uses the same pattern. Matching reads at most {@link RegexGate#MAX_INPUT_CHARS}
 * of a value, so one match costs at most {@link #programSize()} x that many steps.
 */
public final class GatedRegex {
    private final Pattern pattern;
    private final int programSize;

    /**
     * The first group is the whole match ({@code ^(...)$}): reading it needs no second run. RE2/J
     * finds a match's bounds first and runs again over them for its groups: half of the work.
     */
    private final boolean groupIsWholeMatch;

    /** Tried first where the pattern has an exact rewrite for it, else null. */
    private final Backtracking backtracking;

    GatedRegex(Pattern pattern) {
        this.pattern = pattern;
        this.programSize = pattern.programSize();
        this.groupIsWholeMatch = WholeGroup.wrapsWholePattern(pattern.pattern());
        this.backtracking = Backtracking.of(pattern.pattern());
    }

    public String pattern() {
        return pattern.pattern();
    }

    /** RE2/J's real instruction count (at most the gate's estimate). */
    public int programSize() {
        return programSize;
    }

    /** The most steps one match can take: program size times the characters read. */
    public long worstCaseSteps() {
        return (long) programSize * RegexGate.MAX_INPUT_CHARS;
    }

    /**
     * Whether the pattern matches anywhere in the value's first {@link RegexGate#MAX_INPUT_CHARS}
     * characters.
     */
    public boolean find(String value) {
        String text = bounded(value);
        if (backtracking != null) {
            try {
                return backtracking.find(text);
            } catch (CountedText.OverBudget e) {
                // RE2/J below: linear whatever the text
            }
        }
        return pattern.matcher(text).find();
    }

    /**
     * The first group if the pattern has one, else the whole match; null when there is no match.
     */
    public String extract(String value) {
        String text = bounded(value);
        if (backtracking != null) {
            try {
                return backtracking.extract(text);
            } catch (CountedText.OverBudget e) {
                // RE2/J below: linear whatever the text
            }
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return null;
        }
        return pattern.groupCount() >= 1 && !groupIsWholeMatch ? m.group(1) : m.group();
    }

    private static String bounded(String value) {
        return value.length() > RegexGate.MAX_INPUT_CHARS
                ? value.substring(0, RegexGate.MAX_INPUT_CHARS)
                : value;
    }
}
