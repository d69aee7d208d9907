package io.securitycoach.soak;

import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * The MiniCluster soak's fault schedule, shared with the tasks through statics (one JVM): a task
 * that fails while taking a checkpoint once enough audit records went through, then a sink that
 * fails in the middle of its next commit. Completed checkpoints and injected faults are recorded
 * with their wall-clock times for the checker.
 */
final class MiniSoakFaults {
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean TASK_FAILED = new AtomicBoolean();
    static final AtomicBoolean COMMIT_FAILED = new AtomicBoolean();
    static final AtomicInteger AUDITED = new AtomicInteger();
    static final List<Long> CHECKPOINTS = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong LATEST_CHECKPOINT = new AtomicLong();

    /**
     * The latest checkpoint id completed when the commit failed: the job has recovered once a later
     * one completes.
     */
    static final AtomicLong CHECKPOINT_AT_COMMIT_FAILURE = new AtomicLong(Long.MAX_VALUE);

    static final List<Fault> FAULTS = Collections.synchronizedList(new ArrayList<>());
    static volatile long throttleMillis;

    private MiniSoakFaults() {}

    static void reset() {
        ARMED.set(false);
        TASK_FAILED.set(false);
        COMMIT_FAILED.set(false);
        AUDITED.set(0);
        CHECKPOINTS.clear();
        LATEST_CHECKPOINT.set(0);
        CHECKPOINT_AT_COMMIT_FAILURE.set(Long.MAX_VALUE);
        FAULTS.clear();
        throttleMillis = 0;
    }

    /** The commit to fail: the first one after the task failure. */
    static boolean failThisCommit() {
        if (ARMED.get() && TASK_FAILED.get() && COMMIT_FAILED.compareAndSet(false, true)) {
            long now = System.currentTimeMillis();
            CHECKPOINT_AT_COMMIT_FAILURE.set(LATEST_CHECKPOINT.get());
            FAULTS.add(new Fault("sink_failure_during_commit", now, now));
            return true;
        }
        return false;
    }

    /** Slows the sources down so that the faults and the savepoint happen mid-stream. */
    static final class Throttle implements MapFunction<RawEvent, RawEvent> {
        @Override
        public RawEvent map(RawEvent r) throws InterruptedException {
            if (throttleMillis > 0) {
                Thread.sleep(throttleMillis);
            }
            return r;
        }
    }

    /**
     * Passes audit records on; fails one checkpoint's snapshot (a task failure mid-checkpoint);
     * notes completions.
     */
    static final class FailMidCheckpoint
            implements MapFunction<AuditRecord, AuditRecord>,
                    CheckpointedFunction,
                    CheckpointListener {
        @Override
        public AuditRecord map(AuditRecord r) {
            AUDITED.incrementAndGet();
            return r;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws IOException {
            if (ARMED.get() && AUDITED.get() >= 60 && TASK_FAILED.compareAndSet(false, true)) {
                long now = System.currentTimeMillis();
                FAULTS.add(new Fault("task_failure_mid_checkpoint", now, now));
                throw new IOException(
                        "injected: task failure mid-checkpoint " + context.getCheckpointId());
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.add(System.currentTimeMillis());
            LATEST_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
        }
    }
}
