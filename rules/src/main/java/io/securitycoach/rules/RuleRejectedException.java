package io.securitycoach.rules;

import io.securitycoach.validation.Problem;
import io.securitycoach.validation.ValidationException;
import java.util.List;

/**
 * A rule that failed validation, with every problem found (not just the first), each naming its
 * field.
 */
public class RuleRejectedException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public RuleRejectedException(List<Problem> problems) {
        super(problems);
    }
}
