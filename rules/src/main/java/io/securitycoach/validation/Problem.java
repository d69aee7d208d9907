package io.securitycoach.validation;

import java.io.Serializable;
import java.util.Objects;

/**
 * One reason an input (a rule, a parsing configuration, org settings, a modules catalogue, the
 * job's configuration) cannot be used: where it is (the input's name, the path inside it,
 * line:column when known) and why. Every validator in the project reports these, so they read the
 * same everywhere.
 *
 * <p>Rendered as {@code [source: ][path[ at line:column]: ]message}; a problem without a path is
 * about the whole input and its message says where, if anything.
 */
public final class Problem implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The input's name (a file, a stream tag); null when the reader already knows which input. */
    public final String source;

    /**
     * Where in the input, e.g. {@code threshold.count} or {@code fields.app.transform[2]}; null:
     * the whole input.
     */
    public final String path;

    /** 1-based; 0 when not known. */
    public final int line;

    public final int column;
    public final String message;

    private Problem(String source, String path, int line, int column, String message) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** A problem at {@code path}, place in the text unknown. */
    public static Problem at(String path, String message) {
        return new Problem(null, path, 0, 0, message);
    }

    /** A problem at {@code path} and, when {@code line > 0}, at line:column in the text. */
    public static Problem at(String path, int line, int column, String message) {
        return new Problem(null, path, Math.max(line, 0), line > 0 ? column : 0, message);
    }

    /** A problem with the input as a whole (no path). */
    public static Problem of(String message) {
        return new Problem(null, null, 0, 0, message);
    }

    /** The same problem, named as being in {@code source}. */
    public Problem in(String source) {
        return new Problem(source, path, line, column, message);
    }

    /** The same problem placed at line:column (when {@code line > 0}). */
    public Problem locatedAt(int line, int column) {
        return line > 0 ? new Problem(source, path, line, column, message) : this;
    }

    public boolean hasLocation() {
        return line > 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (source != null) {
            s.append(source).append(": ");
        }
        if (path != null) {
            s.append(path);
            if (line > 0) {
                s.append(" at ").append(line).append(':').append(column);
            }
            s.append(": ");
        }
        return s.append(message).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Problem)) {
            return false;
        }
        Problem p = (Problem) o;
        return line == p.line
                && column == p.column
                && Objects.equals(source, p.source)
                && Objects.equals(path, p.path)
                && message.equals(p.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, path, line, message);
    }
}
