package io.securitycoach.rules;

/** One precise reason a rule was rejected: the field, where in it (1-based line:column, 0 if n/a), and why. */
public final class RuleError {
    public final String field;
    public final int line;
    public final int column;
    public final String message;

    public RuleError(String field, int line, int column, String message) {
        this.field = field;
        this.line = line;
        this.column = column;
        this.message = message;
    }

    public static RuleError of(String field, String message) {
        return new RuleError(field, 0, 0, message);
    }

    @Override
    public String toString() {
        return field + (line > 0 ? " at " + line + ":" + column : "") + ": " + message;
    }
}
