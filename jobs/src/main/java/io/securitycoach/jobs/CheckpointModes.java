package io.securitycoach.jobs;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;

/**
 * The checkpointing modes the job runs under: exactly-once, aligned or unaligned (both restore the
 * audit trail and every stage to the same cut; ExactlyOnceAcrossRestoreTest proves it with a crash
 * and a restore). At-least-once is refused: without barrier alignment a restore replays records
 * that the restored sink had already committed, so the audit trail would hold them twice.
 */
public final class CheckpointModes {
    private CheckpointModes() {}

    /** Throws if checkpoints are enabled in a mode that breaks the audit trail's exactly-once. */
    public static void requireExactlyOnce(CheckpointConfig checkpoints) {
        if (checkpoints.isCheckpointingEnabled()
                && checkpoints.getCheckpointingConsistencyMode()
                        != CheckpointingMode.EXACTLY_ONCE) {
            throw new IllegalArgumentException(
                    "checkpointing mode "
                            + checkpoints.getCheckpointingConsistencyMode()
                            + " is refused: the audit trail and notifications are exactly-once only"
                            + " with EXACTLY_ONCE checkpoints (aligned or unaligned); set"
                            + " execution.checkpointing.mode: EXACTLY_ONCE (see"
                            + " docs/configuration.md)");
        }
    }
}
