package io.securitycoach.validation;

import java.util.List;

/**
 * An input that failed validation, with every problem found. Its message is the problems joined by
 * {@code "; "}. No stack trace: a rejection is an answer to bad input, not a fault in the code.
 */
public class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(String.join("; ", Problems.messages(problems)), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Each problem rendered, in the order found. */
    public List<String> messages() {
        return Problems.messages(problems);
    }
}
