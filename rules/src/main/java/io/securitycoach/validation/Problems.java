package io.securitycoach.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Collects every problem of one input (validators report all of them, not just the first). */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public Problems add(Problem problem) {
        found.add(problem);
        return this;
    }

    public Problems add(String path, String message) {
        return add(Problem.at(path, message));
    }

    public Problems add(String path, int line, int column, String message) {
        return add(Problem.at(path, line, column, message));
    }

    /** A problem with the input as a whole (no path). */
    public Problems addGeneral(String message) {
        return add(Problem.of(message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** In the order found. */
    public List<Problem> list() {
        return Collections.unmodifiableList(found);
    }

    /** Each problem rendered, in the order found (what statuses, logs and the CLI show). */
    public List<String> messages() {
        return messages(found);
    }

    public static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return String.join("; ", messages());
    }
}
