package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.jobs.wiring.S3FileSystems;
import io.securitycoach.jobs.wiring.SinkOptions;
import io.securitycoach.local.DevSecrets;
import io.securitycoach.local.KinesisApi;
import io.securitycoach.local.LocalServers;
import io.securitycoach.local.S3Buckets;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.Json;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.FlinkMiniCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job wired from configuration against local AWS stand-ins: kinesalite (vendor events,
 * directory, control stream in; detections, delivery status, rule status out) and S3Proxy (vendor
 * drops in, audit trail out), on a MiniCluster. One run: the same detections as the file-only job
 * on the same samples, an injected task failure that leaves the S3 audit trail exactly-once, then
 * stop with a savepoint, more events while stopped, restore, and every record processed once.
 */
class AwsInfrastructureTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static final AtomicBoolean CRASHED = new AtomicBoolean();
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    /** The highest checkpoint id completed so far (ids keep rising across the restore). */
    static final AtomicLong LAST_CHECKPOINT = new AtomicLong();

    @TempDir static Path out;

    static LocalServers servers;
    static KinesisApi kinesis;
    static S3Buckets s3;
    static String kinesisUrl;
    static String s3Url;
    static Path samples;

    @BeforeAll
    static void startLocalAws() throws Exception {
        Path home = Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
        samples = home.resolve("samples");
        servers = new LocalServers();
        kinesisUrl =
                servers.startKinesis(home, LocalServers.freePort(), out.resolve("kinesalite.log"));
        s3Url = servers.startS3(home, LocalServers.freePort(), null, out.resolve("s3proxy.log"));
        kinesis = new KinesisApi(kinesisUrl);
        s3 = new S3Buckets(s3Url);
    }

    @AfterAll
    static void stopLocalAws() throws Exception {
        FileSystem.initialize(
                new Configuration(), null); // other tests in this JVM get plain filesystems back
        if (servers != null) {
            servers.close();
        }
    }

    /**
     * Passes audit records on, notes completed checkpoints and, if told to, fails the task once: at
     * the first raw record after a completed checkpoint.
     */
    static final class AuditPassThrough extends RichMapFunction<AuditRecord, AuditRecord>
            implements CheckpointListener {
        private final boolean failOnce;

        AuditPassThrough(boolean failOnce) {
            this.failOnce = failOnce;
        }

        @Override
        public AuditRecord map(AuditRecord r) throws Exception {
            if (failOnce
                    && CHECKPOINTED.get()
                    && AuditStage.RAW.equals(r.stage)
                    && CRASHED.compareAndSet(false, true)) {
                throw new IOException("injected task failure mid-stream");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
            LAST_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
        }
    }

    @Test
    void kinesisAndS3InAndOutWithAFailureAndASavepointRestore() throws Exception {
        Set<String> expectedDetections = detectionsOfTheFileOnlyJob();

        for (String stream :
                List.of(
                        "acme-okta",
                        "users",
                        "control",
                        "detections",
                        "delivery-status",
                        "rule-status")) {
            kinesis.createStream(stream, stream.equals("acme-okta") ? 2 : 1);
        }
        s3.create("coach");
        int inputLines = 0;
        for (String drop : drops()) {
            for (Path f : files(samples.resolve("events").resolve(drop))) {
                s3.put("coach", "events/" + drop + "/" + f.getFileName(), Files.readAllBytes(f));
                inputLines += lines(f).size();
            }
        }
        List<String> okta = lines(files(samples.resolve("events/acme/okta")).get(0));
        List<String> oktaFirstHalf = okta.subList(0, okta.size() / 2);
        put("acme-okta", oktaFirstHalf);
        inputLines += okta.size();
        put("users", lines(samples.resolve("users/directory.jsonl")));
        List<String> control = new ArrayList<>();
        for (ControlMessage m : RuleFiles.snapshot(samples.resolve("rules"))) {
            control.add(Json.write(m));
        }
        control.add("{this is not a control message");
        put("control", control);

        DevSecrets secrets = DevSecrets.create(out.resolve("secrets"));
        try (LocalReceiver receiver =
                LocalReceiver.builder().signingSecret(secrets.signingSecretValue).start()) {
            CoachConfig config = config(receiver, secrets);
            S3FileSystems.initializeForEmbeddedRun(config);
            String audit = "s3://coach/audit";

            // 1. Run until a checkpoint has committed the first records, send the rest, and fail
            // the task
            // at the first of them; then wait for every record and detection.
            JobClient job = start(config, null, true);
            final int firstBatch = inputLines - okta.size() + oktaFirstHalf.size();
            waitFor(() -> raw(audit).size() >= firstBatch, job);
            put("acme-okta", okta.subList(oktaFirstHalf.size(), okta.size()));
            final int firstInput = inputLines;
            waitFor(
                    () ->
                            raw(audit).size() >= firstInput
                                    && resolvedDetections(audit).containsAll(expectedDetections)
                                    && kinesisRecords("delivery-status").size()
                                            >= deliveries(audit).size()
                                    && !deliveries(audit).isEmpty(),
                    job);
            assertThat(CRASHED).as("the task failure was injected").isTrue();
            assertThat(resolvedDetections(audit)).isEqualTo(expectedDetections);

            // 2. Stop with a savepoint; more events arrive while the job is down.
            String savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    out.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);
            List<String> more =
                    okta.subList(0, 5).stream()
                            .map(l -> l.replace("\"uuid\":\"", "\"uuid\":\"later-"))
                            .collect(Collectors.toList());
            put("acme-okta", more);
            Path laterDrop = samples.resolve("events/globex/zscaler");
            List<String> laterLines = lines(files(laterDrop).get(0)).subList(0, 3);
            s3.put(
                    "coach",
                    "events/globex/zscaler/later.jsonl",
                    String.join("\n", laterLines).getBytes(StandardCharsets.UTF_8));
            int total = inputLines + more.size() + laterLines.size();

            // 3. Restore: only the new records are read, each once.
            JobClient restored = start(config, savepoint, false);
            try {
                waitFor(() -> raw(audit).size() >= total, restored);
                // A few more checkpoints commit whatever was read by then: anything read twice
                // would show up now.
                long checkpointed = LAST_CHECKPOINT.get();
                Await.until(
                        "three more checkpoints after the last record",
                        Duration.ofSeconds(60),
                        () -> LAST_CHECKPOINT.get() >= checkpointed + 3,
                        () -> "last checkpoint " + LAST_CHECKPOINT);
            } finally {
                restored.cancel().get(30, TimeUnit.SECONDS);
                Await.until(
                        "the restored job ended after its cancel",
                        Duration.ofSeconds(30),
                        () -> restored.getJobStatus().get().isGloballyTerminalState());
            }

            List<JsonNode> raw = raw(audit);
            Map<String, Long> perOrigin =
                    raw.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            r -> r.path("origin").asText(), Collectors.counting()));
            assertThat(raw).as("every input record in the S3 audit trail").hasSize(total);
            assertThat(perOrigin.values())
                    .as("each exactly once despite the failure and the restore")
                    .allMatch(c -> c == 1L);

            List<String> detectionIds =
                    ids(AuditTrail.read(audit, AuditStage.DETECTIONS), "detection_id");
            assertThat(detectionIds).doesNotHaveDuplicates();
            List<String> statusIds = ids(deliveries(audit), "notification_id");
            assertThat(statusIds)
                    .as("one delivery status per notification")
                    .doesNotHaveDuplicates()
                    .isNotEmpty();

            // Kinesis outputs: at least once, so compare as sets.
            assertThat(new TreeSet<>(ids(kinesisRecords("detections"), "detection_id")))
                    .isEqualTo(new TreeSet<>(detectionIds));
            assertThat(new TreeSet<>(ids(kinesisRecords("delivery-status"), "notification_id")))
                    .isEqualTo(new TreeSet<>(statusIds));
            // At least once: a status put after the last checkpoint before the failure is put
            // again.
            List<JsonNode> ruleStatus = kinesisRecords("rule-status");
            assertThat(
                            ruleStatus.stream()
                                    .filter(
                                            s ->
                                                    ControlStatus.ACCEPTED.equals(
                                                            s.path("status").asText()))
                                    .map(
                                            s ->
                                                    s.path("org_id").asText()
                                                            + "/"
                                                            + s.path("rule_id").asText())
                                    .distinct())
                    .as("10 rules and 2 parsing configurations")
                    .hasSize(12);
            assertThat(
                            ruleStatus.stream()
                                    .filter(
                                            s ->
                                                    ControlStatus.REJECTED.equals(
                                                            s.path("status").asText()))
                                    .map(s -> s.path("errors").get(0).asText())
                                    .distinct())
                    .singleElement()
                    .asString()
                    .startsWith("unreadable control message");
            // Sends after the last checkpoint are repeated after the failure; the idempotency key
            // keeps them from showing twice.
            assertThat(receiver.accepted())
                    .extracting(m -> m.get("notification_id").asText())
                    .as("each message shown once")
                    .doesNotHaveDuplicates()
                    .hasSameSizeAs(
                            deliveries(audit).stream()
                                    .filter(
                                            d ->
                                                    DeliveryStatus.DELIVERED.equals(
                                                            d.path("status").asText()))
                                    .toArray());
        }
    }

    private Set<String> detectionsOfTheFileOnlyJob() throws Exception {
        Path audit = out.resolve("file-only-audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            JobSettings settings = new JobSettings();
            settings.notifier = NotifierSettings.allChannelsTo(receiver.baseUrl());
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(samples.resolve("events").toUri().toString()),
                            samples.resolve("users").toUri().toString(),
                            RuleFiles.snapshot(
                                    samples.resolve("rules"), samples.resolve("parsers")),
                            null),
                    AuditSinks.auditOnly(audit.toUri().toString()),
                    settings);
            env.execute("file-only");
        }
        return resolvedDetections(audit.toUri().toString());
    }

    private static CoachConfig config(LocalReceiver receiver, DevSecrets secrets) {
        Map<String, Map<String, String>> g = new HashMap<>();
        g.put("Job", Map.of("state.backend", "hashmap", "checkpoint.interval", "1s"));
        g.put(
                "Kinesis",
                Map.of(
                        "endpoint",
                        kinesisUrl,
                        "access-key",
                        "local",
                        "secret-key",
                        "local",
                        "poll.interval",
                        "200ms",
                        "shard-discovery.interval",
                        "1s"));
        g.put(
                "S3",
                Map.of(
                        "endpoint",
                        s3Url,
                        "access-key",
                        "local",
                        "secret-key",
                        "local",
                        "plugins.dir",
                        "target/plugins"));
        g.put(
                "Events",
                Map.of(
                        "paths",
                        "s3://coach/events",
                        "monitor.interval",
                        "1s",
                        "kinesis.streams",
                        "acme-okta=acme/okta"));
        // The default warm-up: on a loaded machine the directory stream can be read after the
        // events, and a
        // shorter one lets the wall-clock watermark release held events as unresolved before it is.
        g.put("Directory", Map.of("kinesis.stream", "users", "warm-up", "30s"));
        g.put(
                "Rules",
                Map.of(
                        "kinesis.stream",
                        "control",
                        "parsers.path",
                        samples.resolve("parsers").toString()));
        g.put("Audit", Map.of("path", "s3://coach/audit"));
        g.put(
                "Outputs",
                Map.of(
                        "detections.stream",
                        "detections",
                        "delivery-status.stream",
                        "delivery-status",
                        "rule-status.stream",
                        "rule-status"));
        g.put(
                "Notify",
                Map.of(
                        "receiver.url",
                        receiver.baseUrl(),
                        "slack.token-ref",
                        "file:" + secrets.slackToken,
                        "webhook.signing-secret-ref",
                        "file:" + secrets.signingSecret));
        return CoachConfig.of(g);
    }

    private static JobClient start(CoachConfig config, String savepoint, boolean failOnce)
            throws Exception {
        Configuration conf = CoachJob.flinkConfiguration(config);
        if (savepoint != null) {
            conf.setString("execution.savepoint.path", savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 500));
        ConfiguredSinks configured = new ConfiguredSinks(config);
        JobSinks sinks =
                new JobSinks() {
                    @Override
                    public void attach(DataStream<AuditRecord> audit) {
                        // Same uids as the configured sink; checkpoints are noted (and the failure
                        // injected) just before it.
                        audit.map(new AuditPassThrough(failOnce))
                                .uid("audit-pass-through")
                                .name("Note checkpoints, fail once")
                                .sinkTo(AuditSinks.files(config.require(SinkOptions.AUDIT_PATH)))
                                .uid("audit-sink")
                                .name("Audit trail");
                    }

                    @Override
                    public void detections(DataStream<Detection> d) {
                        configured.detections(d);
                    }

                    @Override
                    public void deliveries(DataStream<DeliveryStatus> d) {
                        configured.deliveries(d);
                    }

                    @Override
                    public void ruleStatus(DataStream<ControlStatus> r) {
                        configured.ruleStatus(r);
                    }
                };
        CoachJob.build(env, new ConfiguredSources(config), sinks, ConfiguredSettings.from(config));
        return env.executeAsync(failOnce ? "aws-first-run" : "aws-restored");
    }

    private static void waitFor(BooleanSupplier done, JobClient job) throws Exception {
        // Each check reads the whole audit trail from S3: twice a second is often enough.
        Await.until(
                "outputs complete",
                Duration.ofSeconds(120),
                Duration.ofMillis(500),
                () -> {
                    if (job.getJobStatus().get().isGloballyTerminalState()) {
                        job.getJobExecutionResult().get(); // throws the job's failure
                        throw new AssertionError("the job ended before its outputs were complete");
                    }
                    return done.getAsBoolean();
                },
                () -> "raw " + raw("s3://coach/audit").size());
    }

    private static List<JsonNode> raw(String audit) {
        return AuditTrail.read(audit, AuditStage.RAW);
    }

    private static List<JsonNode> deliveries(String audit) {
        return AuditTrail.read(audit, AuditStage.DELIVERIES);
    }

    /**
     * Detections of users the directory names, as org/rule/user (unresolved ones depend on event
     * time reaching the end).
     */
    private static Set<String> resolvedDetections(String audit) {
        return AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                .filter(d -> d.hasNonNull("user_id"))
                .map(
                        d ->
                                d.path("org_id").asText()
                                        + "/"
                                        + d.path("rule_id").asText()
                                        + "/"
                                        + d.path("user_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> ids(List<JsonNode> records, String field) {
        return records.stream().map(r -> r.path(field).asText()).collect(Collectors.toList());
    }

    private static List<JsonNode> kinesisRecords(String stream) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String r : kinesis.readAll(stream)) {
                out.add(Json.mapper().readTree(r));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("cannot read stream " + stream, e);
        }
    }

    private static void put(String stream, List<String> records) throws Exception {
        kinesis.put(
                stream,
                records,
                IntStream.range(0, records.size())
                        .mapToObj(i -> "k" + i)
                        .collect(Collectors.toList()));
    }

    /** Every sample drop but acme's Okta feed, which goes through Kinesis. */
    private static List<String> drops() throws IOException {
        List<String> drops = new ArrayList<>();
        for (Path org : files(samples.resolve("events"), Files::isDirectory)) {
            for (Path vendor : files(org, Files::isDirectory)) {
                String drop = org.getFileName() + "/" + vendor.getFileName();
                if (!drop.equals("acme/okta")) {
                    drops.add(drop);
                }
            }
        }
        return drops;
    }

    private static List<Path> files(Path dir, Predicate<Path> kind) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(kind).sorted().collect(Collectors.toList());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
    }
}
