package io.securitycoach.soak;

import java.util.List;

/**
 * One broken promise found by the checker: what (a stable kind), the records involved (ids, at most
 * a few dozen) and where they are (audit files, receiver log lines), so a failure reads as a bug
 * report.
 */
public final class Violation {
    /** How many records a violation lists; the count says how many there were. */
    static final int MAX_LISTED = 20;

    public final String kind;
    public final long count;
    public final List<String> records;

    public Violation(String kind, long count, List<String> records) {
        this.kind = kind;
        this.count = count;
        this.records =
                records.size() > MAX_LISTED
                        ? List.copyOf(records.subList(0, MAX_LISTED))
                        : List.copyOf(records);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("VIOLATION ").append(kind).append(": ").append(count);
        for (String r : records) {
            b.append("\n    ").append(r);
        }
        if (count > records.size()) {
            b.append("\n    ... and ").append(count - records.size()).append(" more");
        }
        return b.toString();
    }
}
