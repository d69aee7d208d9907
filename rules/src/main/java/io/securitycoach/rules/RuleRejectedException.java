package io.securitycoach.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that failed validation, with every error found (not just the first). */
public class RuleRejectedException extends Exception {
    private final List<RuleError> errors;

    public RuleRejectedException(List<RuleError> errors) {
        super(errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
