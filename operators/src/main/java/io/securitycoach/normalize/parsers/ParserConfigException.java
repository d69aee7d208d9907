package io.securitycoach.normalize.parsers;

import io.securitycoach.validation.Problem;
import io.securitycoach.validation.ValidationException;
import java.util.List;

/**
 * A parsing configuration that cannot be used: every problem, each naming the configuration and
 * where in it.
 */
public class ParserConfigException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public ParserConfigException(List<Problem> problems) {
        super(problems);
    }

    /** A problem with the configuration as a whole (its size, its syntax, its shape). */
    static ParserConfigException whole(String source, String message) {
        return new ParserConfigException(List.of(Problem.of(message).in(source)));
    }
}
