package io.securitycoach.jobs.wiring.control;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of {@link ControlSnapshotSource}: which snapshot it is (its content's fingerprint)
 * and how far it has been sent. Kept in checkpoints and savepoints, so a restore knows whether the
 * snapshot it is given was already sent.
 */
public final class SnapshotSplit implements SourceSplit {
    static final String ID = "control-snapshot";
    final String fingerprint;

    /** Index of the next message to send. */
    final int next;

    /** How many messages the snapshot holds. */
    final int size;

    SnapshotSplit(String fingerprint, int next, int size) {
        this.fingerprint = fingerprint;
        this.next = next;
        this.size = size;
    }

    boolean complete() {
        return next >= size;
    }

    @Override
    public String splitId() {
        return ID;
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + fingerprint + ", next=" + next + "/" + size + "}";
    }
}
