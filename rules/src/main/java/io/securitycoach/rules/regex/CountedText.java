package io.securitycoach.rules.regex;

/**
 * A value as {@code java.util.regex} reads it, with a budget of character reads: a backtracking
 * match that would read more stops ({@link OverBudget}) and RE2/J, linear by construction, answers
 * instead. So a pattern the backtracking engine is fast on costs little, and one it is slow on
 * costs at most the budget more than RE2/J alone.
 */
final class CountedText implements CharSequence {
    /** Reads allowed per character of the value (plus a floor for tiny values). */
    static final int READS_PER_CHARACTER = 32;

    private static final int MINIMUM_READS = 512;

    private final String text;
    private long readsLeft;

    CountedText(String text) {
        this.text = text;
        this.readsLeft = MINIMUM_READS + (long) READS_PER_CHARACTER * text.length();
    }

    @Override
    public char charAt(int index) {
        if (--readsLeft < 0) {
            throw OverBudget.INSTANCE;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The budget ran out: no stack trace, one shared instance (it is control flow). */
    static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("backtracking budget spent", null, false, false);
        }
    }
}
