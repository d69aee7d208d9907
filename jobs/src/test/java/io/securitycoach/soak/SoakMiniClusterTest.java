package io.securitycoach.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault soak in small, in every build: a few hundred generated events (six vendors, two orgs,
 * the whole rule library) through the whole job, first without faults (the reference run), then
 * with a task failure mid-checkpoint, a sink failure in the middle of a commit, and a stop with a
 * savepoint and restore. The soak checker then finds nothing lost, nothing twice, the reference's
 * detections, one final status per notification and no message shown twice.
 */
class SoakMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    @Test
    void nothingLostNorDuplicatedThroughThreeFaults() throws Exception {
        Path home = Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath();
        SoakWorkload w = new SoakWorkload(dir, home.resolve("rules-library"), 2, 15, 400, 17);
        DevSecrets secrets = DevSecrets.create(dir.resolve("secrets"));
        MiniSoakFaults.reset();
        try (LocalReceiver reference =
                LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start()) {
            run(w, secrets, reference, dir.resolve("reference"), null);
        }
        Path receiverLog = dir.resolve("receiver.jsonl");
        Path audit = dir.resolve("audit");
        try (LocalReceiver receiver =
                LocalReceiver.builder()
                        .record(receiverLog)
                        .signingSecret(secrets.signingSecretValue)
                        .start()) {
            MiniSoakFaults.ARMED.set(true);
            MiniSoakFaults.throttleMillis = 25;
            String savepoint = runUntilFaultsThenSavepoint(w, secrets, receiver, audit);
            MiniSoakFaults.throttleMillis = 0;
            long restored = System.currentTimeMillis();
            run(w, secrets, receiver, audit, savepoint);
            MiniSoakFaults.FAULTS.add(
                    new Fault("restore_from_savepoint", savepointRequested, restored));
        }

        SoakChecker.Inputs in = new SoakChecker.Inputs();
        in.input = w.events;
        in.audit = audit;
        in.referenceAudit = dir.resolve("reference");
        in.receiverLog = receiverLog;
        in.faultList = List.copyOf(MiniSoakFaults.FAULTS);
        in.checkpointTimes = List.copyOf(MiniSoakFaults.CHECKPOINTS);
        SoakReport report = SoakChecker.check(in);
        report.print(System.out);

        assertThat(report.faultsInjected)
                .containsOnlyKeys(
                        "task_failure_mid_checkpoint",
                        "sink_failure_during_commit",
                        "restore_from_savepoint");
        assertThat(report.eventsIn).isEqualTo(400);
        assertThat(report.detectionsReference).as("the workload coaches").isGreaterThan(5);
        assertThat(report.violations).as("violations").isEmpty();
        assertThat(
                        report.rawAuditMissing
                                + report.rawAuditDuplicated
                                + report.detectionsMissing
                                + report.detectionsExtra)
                .isZero();
    }

    private long savepointRequested;

    /**
     * Runs with the faults armed; once both fired and a checkpoint completed after them, stops with
     * a savepoint.
     */
    private String runUntilFaultsThenSavepoint(
            SoakWorkload w, DevSecrets secrets, LocalReceiver receiver, Path audit)
            throws Exception {
        StreamExecutionEnvironment env = environment(null);
        build(env, w, secrets, receiver, audit);
        JobClient job = env.executeAsync("soak-with-faults");
        try {
            long deadline = System.currentTimeMillis() + 40_000;
            while (!MiniSoakFaults.COMMIT_FAILED.get()
                    || MiniSoakFaults.LATEST_CHECKPOINT.get()
                            < MiniSoakFaults.CHECKPOINT_AT_COMMIT_FAILURE.get() + 2) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("the job ended before the faults fired: slow the sources down")
                        .isFalse();
                assertThat(System.currentTimeMillis())
                        .as("faults fired in time")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            savepointRequested = System.currentTimeMillis();
            return stopWithSavepoint(job);
        } catch (Exception | AssertionError e) {
            job.cancel();
            throw e;
        }
    }

    /** A savepoint is refused while a task restarts; tries again for a while. */
    private String stopWithSavepoint(JobClient job) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return job.stopWithSavepoint(
                                false,
                                dir.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    private void run(
            SoakWorkload w,
            DevSecrets secrets,
            LocalReceiver receiver,
            Path audit,
            String savepoint)
            throws Exception {
        StreamExecutionEnvironment env = environment(savepoint);
        build(env, w, secrets, receiver, audit);
        env.execute(savepoint == null ? "soak-reference" : "soak-restored");
    }

    private static StreamExecutionEnvironment environment(String savepoint) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 200));
        return env;
    }

    private static void build(
            StreamExecutionEnvironment env,
            SoakWorkload w,
            DevSecrets secrets,
            LocalReceiver receiver,
            Path audit) {
        JobSettings settings = new JobSettings();
        settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
        settings.notifier.dailyCapPerUser = 1000;
        FileJobSources files =
                new FileJobSources(
                        List.of(w.events.toUri().toString()),
                        w.users.toUri().toString(),
                        RuleFiles.snapshot(w.rules, w.parsers),
                        null);
        JobSources throttled =
                new JobSources() {
                    @Override
                    public DataStream<RawEvent> events(StreamExecutionEnvironment e) {
                        return files.events(e)
                                .map(new MiniSoakFaults.Throttle())
                                .returns(RawEventTypeInfo.INSTANCE)
                                .uid("soak-throttle")
                                .name("Soak: throttle");
                    }

                    @Override
                    public DataStream<String> users(StreamExecutionEnvironment e) {
                        return files.users(e);
                    }

                    @Override
                    public DataStream<ControlMessage> control(StreamExecutionEnvironment e) {
                        return files.control(e);
                    }
                };
        CoachJob.build(
                env,
                throttled,
                stream ->
                        stream.map(new MiniSoakFaults.FailMidCheckpoint())
                                .uid("soak-fail-mid-checkpoint")
                                .name("Soak: fail mid-checkpoint")
                                .sinkTo(
                                        new CommitFailingSink<>(
                                                AuditSinks.files(audit.toUri().toString()),
                                                MiniSoakFaults::failThisCommit))
                                .uid("audit-sink")
                                .name("Audit trail"),
                settings);
    }
}
