package io.securitycoach.control;

/**
 * Whether the control stream's initial snapshot is complete. The flag lives in broadcast state (so
 * a restored task knows it) and is cached per task; until it is set, input waits for definitions
 * that may still be on their way instead of missing them.
 */
public final class SnapshotReadiness {
    /** The key of the flag in a function's broadcast state. */
    public static final String KEY = "ready";

    /** The stored flag. */
    public interface Flag {
        boolean isSet() throws Exception;

        void set() throws Exception;
    }

    private boolean ready;

    /** What this task knows without reading the flag (the per-record fast path). */
    public boolean knownReady() {
        return ready;
    }

    /** True once the snapshot is complete, here or before a restore. */
    public boolean isReady(Flag flag) throws Exception {
        if (!ready) {
            ready = flag.isSet();
        }
        return ready;
    }

    /**
     * The snapshot is complete: sets the flag; true when it was not set before (what waited may
     * go).
     */
    public boolean complete(Flag flag) throws Exception {
        boolean was = isReady(flag);
        flag.set();
        ready = true;
        return !was;
    }
}
