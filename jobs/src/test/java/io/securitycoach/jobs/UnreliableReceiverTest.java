package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples against a receiver that fails, throttles and stalls, and a job that crashes once
 * after a checkpoint: every notification still ends delivered (or failed with a dead letter), the
 * audit trail holds each status once, and the receiver shows no message twice (it honours the keys
 * that the restored job sends again).
 */
class UnreliableReceiverTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static final AtomicBoolean CRASHED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    static final AtomicInteger SEEN = new AtomicInteger();

    @TempDir Path out;

    /**
     * Passes audit records on, and throws once, mid-stream: at the first delivery status after a
     * completed checkpoint, or at the sixth delivery status if none has completed by then (then the
     * job restarts from its sources; either way the notifications in question are sent again).
     */
    static final class CrashOnce extends RichMapFunction<AuditRecord, AuditRecord>
            implements CheckpointListener {
        @Override
        public AuditRecord map(AuditRecord r) throws Exception {
            if (AuditStage.DELIVERIES.equals(r.stage)
                    && (CHECKPOINTS.get() >= 1 || SEEN.incrementAndGet() >= 6)
                    && CRASHED.compareAndSet(false, true)) {
                throw new IOException("injected crash after a checkpoint");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }

    @Test
    void everyNotificationEndsOnceDespiteFailuresAndACrash() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        DevSecrets secrets = DevSecrets.create(out.resolve("secrets"));
        Path audit = out.resolve("audit");
        try (LocalReceiver receiver =
                LocalReceiver.builder()
                        .signingSecret(secrets.signingSecretValue)
                        .failRate(0.3)
                        .throttleRate(0.1)
                        .slowRate(0.05)
                        .slowMillis(1_500)
                        .seed(7)
                        .start()) {
            StreamExecutionEnvironment env = JobEnvironment.create();
            env.enableCheckpointing(200);
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 500));
            JobSettings settings = new JobSettings();
            settings.notifier = secrets.applyTo(NotifierSettings.allChannelsTo(receiver.baseUrl()));
            settings.notifier.requestTimeoutMillis = 1_000;
            settings.notifier.initialBackoffMillis = 50;
            settings.notifier.maxBackoffMillis = 1_000;
            settings.notifier.circuitOpenMillis = 500;
            JobSources sources =
                    new FileJobSources(
                            List.of(samples.resolve("events").toUri().toString()),
                            samples.resolve("users").toUri().toString(),
                            RuleFiles.snapshot(
                                    samples.resolve("rules"), samples.resolve("parsers")),
                            null);
            CoachJob.build(
                    env,
                    sources,
                    stream ->
                            stream.map(new CrashOnce())
                                    .name("Crash once")
                                    .setParallelism(1)
                                    .sinkTo(AuditSinks.files(audit.toUri().toString()))
                                    .name("Audit trail"),
                    settings);
            env.execute("unreliable");

            assertThat(CRASHED).as("the crash was injected").isTrue();
            List<JsonNode> statuses = AuditTrail.read(audit, AuditStage.DELIVERIES);
            Map<String, Long> perNotification =
                    statuses.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            s -> s.get("notification_id").asText(),
                                            Collectors.counting()));
            assertThat(perNotification)
                    .as("one status per notification in the audit trail")
                    .hasSize(16)
                    .allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
            Set<String> delivered =
                    statuses.stream()
                            .filter(s -> DeliveryStatus.DELIVERED.equals(s.get("status").asText()))
                            .map(s -> s.get("notification_id").asText())
                            .collect(Collectors.toSet());
            Set<String> failed =
                    statuses.stream()
                            .filter(s -> DeliveryStatus.FAILED.equals(s.get("status").asText()))
                            .map(s -> s.get("notification_id").asText())
                            .collect(Collectors.toSet());
            assertThat(delivered.size() + failed.size())
                    .as("no live notification lost")
                    .isEqualTo(11);
            Set<String> deadLettered =
                    AuditTrail.read(audit, AuditStage.DEAD_LETTERS).stream()
                            .filter(d -> "delivery_failed".equals(d.get("reason").asText()))
                            .map(d -> d.get("origin").asText())
                            .collect(Collectors.toSet());
            assertThat(deadLettered).isEqualTo(failed);
            assertThat(receiver.accepted())
                    .extracting(m -> m.get("notification_id").asText())
                    .as("each message shown once")
                    .doesNotHaveDuplicates()
                    .containsAll(delivered);
            assertThat(
                            receiver.acceptedCountsByKey().values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum())
                    .as(
                            "the receiver was sent some keys again (retries after slow answers,"
                                    + " replay after the crash)")
                    .isGreaterThanOrEqualTo(receiver.accepted().size());
        }
    }
}
