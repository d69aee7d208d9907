package io.securitycoach.rules.regex;

/** A customer regex the gate refuses: too long, too large once expanded, or not valid RE2. */
public final class RegexRejectedException extends Exception {
    public RegexRejectedException(String reason) {
        super(reason);
    }
}
