package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;

/**
 * The one "wait for the initial control snapshot" of the stages (normalize, detect, notify): until
 * the message that ends the wait arrives, a stage holds its input (bounded, in its own state)
 * instead of missing definitions that may still be on their way. What ends it is {@code
 * snapshot_end}, or for the notify stage after a restore the end of the detect stage's settings
 * hand-over. Where the stage keeps a {@link Flag} in broadcast state, a restored task knows the
 * wait is over; the answer is cached per task, so the per-record check reads no state once over.
 */
public final class SnapshotWait {
    /** The key of the flag in a function's broadcast state. */
    public static final String KEY = "ready";

    /** Where the end of the wait is kept. */
    public interface Flag {
        boolean isSet() throws Exception;

        void set() throws Exception;

        /** Not kept: a restored task waits again (for what its restore sends, e.g. a hand-over). */
        Flag NONE =
                new Flag() {
                    @Override
                    public boolean isSet() {
                        return false;
                    }

                    @Override
                    public void set() {}
                };
    }

    private final ControlType ending;
    private boolean over;

    private SnapshotWait(ControlType ending) {
        this.ending = ending;
    }

    /** Waits for {@code snapshot_end}. */
    public static SnapshotWait forSnapshotEnd() {
        return new SnapshotWait(ControlType.SNAPSHOT_END);
    }

    /** Waits for {@code ending} (a type routed to the waiting stage). */
    public static SnapshotWait until(ControlType ending) {
        return new SnapshotWait(ending);
    }

    /** What this task knows without reading the flag (the per-record fast path). */
    public boolean knownOver() {
        return over;
    }

    /** True once the wait is over, here or before a restore. */
    public boolean isOver(Flag flag) throws Exception {
        if (!over) {
            over = flag.isSet();
        }
        return over;
    }

    /**
     * True when {@code m} ends a wait that was not over yet (what waited may go now); sets the
     * flag.
     */
    public boolean endedBy(ControlMessage m, Flag flag) throws Exception {
        if (ControlType.of(m) != ending) {
            return false;
        }
        boolean was = isOver(flag);
        flag.set();
        over = true;
        return !was;
    }
}
