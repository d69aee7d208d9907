package io.securitycoach.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a run's outputs with its input and with a fault-free reference run of the same input:
 * raw audit exactly once, events plus dead letters equal to the input, detections equal to the
 * reference's, one final status per notification, nothing shown twice, Kinesis outputs a superset
 * of the audit, and recovery per fault. Plain files only (an audit folder, S3Proxy's file backend).
 */
public final class SoakChecker {
    /** Where the checker reads from; optional parts may be null. */
    public static final class Inputs {
        public Path input;
        public Path audit;
        public Path referenceAudit;
        public Path receiverLog;
        public Path kinesisOutputs;
        public Path faults;
        public List<Path> checkpointFiles = new ArrayList<>();

        /**
         * Checkpoint completion times given directly (a MiniCluster test); added to those of the
         * files.
         */
        public List<Long> checkpointTimes = new ArrayList<>();

        /** Faults given directly (a MiniCluster test); added to those of the faults file. */
        public List<Fault> faultList = new ArrayList<>();
    }

    private SoakChecker() {}

    public static SoakReport check(Inputs in) {
        SoakReport report = new SoakReport();
        new RawAuditCheck(new InputRecords(in.input), in.audit).run(report);
        new DetectionCheck(in.audit, in.referenceAudit).run(report);
        ReceiverLog receiver = ReceiverLog.read(in.receiverLog);
        new NotificationCheck(in.audit, receiver).run(report);
        if (in.kinesisOutputs != null) {
            new KinesisOutputCheck(in.audit, in.kinesisOutputs).run(report);
        }
        List<Long> checkpoints = new ArrayList<>(CheckpointTimes.read(in.checkpointFiles));
        checkpoints.addAll(in.checkpointTimes);
        checkpoints.sort(Long::compare);
        List<Fault> faults = new ArrayList<>(Fault.read(in.faults));
        faults.addAll(in.faultList);
        new RecoveryCheck(faults, checkpoints, in.audit, receiver).run(report);
        return report;
    }
}
