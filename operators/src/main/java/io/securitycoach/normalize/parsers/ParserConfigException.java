package io.securitycoach.normalize.parsers;

import java.util.List;

/** A parsing configuration that cannot be used: one line per problem, each naming where it is. */
public class ParserConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public ParserConfigException(List<String> errors) {
        super(String.join("; ", errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
