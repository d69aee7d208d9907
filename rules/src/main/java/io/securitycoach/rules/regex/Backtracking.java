package io.securitycoach.rules.regex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RE2 pattern's exact rewrite ({@link Re2ToJdk}) run by {@code java.util.regex} under a read
 * budget ({@link CountedText}): RE2/J's NFA took 5 to 10 us for the address in a 40-character
 * label, the backtracking engine a few hundred ns. Each call either answers as RE2/J would or
 * throws {@link CountedText.OverBudget}, and the caller asks RE2/J.
 */
final class Backtracking {
    private final Pattern pattern;

    private Backtracking(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Null when the pattern has no exact rewrite. */
    static Backtracking of(String re2) {
        String rewritten = Re2ToJdk.rewrite(re2);
        return rewritten == null ? null : new Backtracking(Pattern.compile(rewritten));
    }

    boolean find(String text) {
        try {
            return pattern.matcher(new CountedText(text)).find();
        } catch (StackOverflowError deep) {
            throw CountedText.OverBudget.INSTANCE;
        }
    }

    /** The first group if the pattern has one, else the whole match; null when none. */
    String extract(String text) {
        try {
            Matcher m = pattern.matcher(new CountedText(text));
            if (!m.find()) {
                return null;
            }
            return m.groupCount() >= 1 ? m.group(1) : m.group();
        } catch (StackOverflowError deep) {
            throw CountedText.OverBudget.INSTANCE;
        }
    }
}
