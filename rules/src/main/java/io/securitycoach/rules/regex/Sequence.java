package io.securitycoach.rules.regex;

import static io.securitycoach.rules.regex.ProgramSizeEstimate.add;

/**
 * The pattern inside one group (or the whole pattern) while it is read: the alternatives already
 * finished, the atoms of the current one, and the last atom, which a following quantifier changes.
 */
final class Sequence {
    static final int TOP = 0;
    static final int PLAIN = 1;
    static final int CAPTURE = 2;

    private final int kind;
    private long finished;
    private int alternatives;
    private long atoms;
    private long last = -1;

    Sequence(int kind) {
        this.kind = kind;
    }

    void atom(long size) {
        if (last >= 0) {
            atoms = add(atoms, last);
        }
        last = size;
    }

    void quantify(Quantifier q, long min, long max) {
        if (last < 0) {
            atom(1); // nothing to repeat: RE2/J rejects it
            return;
        }
        last = q.size(last, min, max);
    }

    void alternate() {
        long current =
                last < 0 && atoms == 0 ? 1 : add(atoms, Math.max(last, 0)); // empty: one no-op
        finished = add(finished, current);
        alternatives++;
        atoms = 0;
        last = -1;
    }

    /**
     * The size of everything read: alternatives, one ALT instruction between each two, and a
     * capture's two.
     */
    long close() {
        alternate();
        long size = add(finished, alternatives - 1);
        return kind == CAPTURE ? add(size, 2) : size;
    }
}
