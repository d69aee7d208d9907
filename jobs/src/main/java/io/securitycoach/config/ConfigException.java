package io.securitycoach.config;

import io.securitycoach.validation.Problem;
import io.securitycoach.validation.Problems;
import java.util.List;

/** A configuration the job cannot start with: every problem, each naming its group and key. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public ConfigException(Problems problems) {
        this(problems.list());
    }

    public ConfigException(List<Problem> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", Problems.messages(problems)));
        this.problems = List.copyOf(problems);
    }

    /** One problem, its text already naming the key or file it is about. */
    public ConfigException(String problem) {
        this(List.of(Problem.of(problem)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Each problem rendered, in the order found. */
    public List<String> messages() {
        return Problems.messages(problems);
    }
}
