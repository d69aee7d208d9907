package io.securitycoach.savepoints;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.io.VendorFileFormat;
import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The upgrade story in two halves, on inputs made for it ({@code src/test/resources/upgrade}): part
 * one leaves state behind (threshold progress of two pushes out of three, an event held for a
 * person the directory does not know yet, a suppression window, the directory itself); part two
 * only completes detections if that state survived. An uninterrupted run over both parts is the
 * reference.
 */
final class UpgradeScenario {
    static final Path HOME =
            Paths.get(System.getProperty("coach.home", "..")).toAbsolutePath().normalize();
    static final Path INPUT = HOME.resolve("savepoints/src/test/resources/upgrade");
    static final Path FIXTURES = HOME.resolve("savepoints/src/test/resources/state-fixtures");
    static final List<String> BACKENDS = List.of("hashmap", "rocksdb");

    /**
     * Raw records of part one; all but the held one become events before the savepoint is taken.
     */
    static final int PART_ONE_RECORDS = 5;

    static final int PART_ONE_RESOLVED_EVENTS = 4;

    /**
     * Sent in part one only (since layout 2): a restored job must still brand acme's messages with
     * it.
     */
    static final String SECURITY_TEAM = "Acme Upgrade Security";

    static final String ORG_SETTINGS =
            "{\"branding\": {\"company\": \"Acme\", \"security_team\": \"" + SECURITY_TEAM + "\"}}";

    private UpgradeScenario() {}

    static StreamExecutionEnvironment environment(String backend, String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        // A restore that fails must fail the test, not restart forever.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            // Part two reads from sources of its own: the sources' positions of part one are
            // dropped.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        return env;
    }

    static JobSettings settings(String receiverUrl) {
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo(receiverUrl);
        settings.notifier.slackTokenRef =
                "file:" + INPUT.resolve("slack-token.txt"); // the receiver's messages
        try {
            // the org's branding shows in every message (what proves its settings survived an
            // upgrade)
            settings.notifier.modules =
                    CoachingModules.parse(
                            "default_template: \"Hi {first_name}. {summary} "
                                    + "{module_title}: {module_url} ({security_team})\"",
                            "upgrade scenario");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    /**
     * Part one as production runs it (continuous sources); the caller stops it with a savepoint.
     */
    static void buildPartOne(StreamExecutionEnvironment env, String receiverUrl, Path audit) {
        buildPartOne(env, receiverUrl, audit, List.of());
    }

    /**
     * Part one with more control messages (org settings, for instance) in the initial snapshot, so
     * they are in place before the first event is evaluated.
     */
    static void buildPartOne(
            StreamExecutionEnvironment env,
            String receiverUrl,
            Path audit,
            List<ControlMessage> moreControl) {
        List<ControlMessage> control = new ArrayList<>(rules());
        control.addAll(control.size() - 1, moreControl); // before the snapshot's end
        JobSettings settings = settings(receiverUrl);
        // Keep the event stream from going idle: the directory's wall-clock watermark would then
        // release the held event as unresolved before the savepoint.
        settings.sourceIdleness = Duration.ofHours(1);
        // Continuous: the control source stays open after the snapshot, as production's does, so
        // the
        // savepoint's control intake can take part two's control messages.
        JobSources sources =
                new FileJobSources(
                        List.of(uri(INPUT.resolve("part-1/events"))),
                        uri(INPUT.resolve("part-1/users")),
                        control,
                        Duration.ofMillis(200));
        CoachJob.build(env, sources, AuditSinks.auditOnly(uri(audit)), settings);
    }

    /** Part two after the restore, bounded, from sources with uids of their own. */
    static void buildPartTwo(StreamExecutionEnvironment env, String receiverUrl, Path audit) {
        buildPartTwo(env, settings(receiverUrl), audit);
    }

    /** As above with the given settings (secrets for deliveries, for instance). */
    static void buildPartTwo(StreamExecutionEnvironment env, JobSettings settings, Path audit) {
        CoachJob.build(env, new PartTwoSources(), AuditSinks.auditOnly(uri(audit)), settings);
    }

    /**
     * Both parts in one bounded run: what the restored job must match. Each feed's records are in
     * one file in time order, as the restored job saw them: suppression depends on arrival order.
     */
    static void buildUninterrupted(
            StreamExecutionEnvironment env, String receiverUrl, Path audit, Path work)
            throws IOException {
        Path users = concatenate(work.resolve("users/directory.jsonl"), "users/directory.jsonl");
        for (String feed : List.of("acme/okta", "acme/zscaler")) {
            concatenate(
                    work.resolve("events/" + feed + "/both-parts.jsonl"), "events/" + feed + "/*");
        }
        JobSources sources =
                new FileJobSources(
                        List.of(uri(work.resolve("events"))),
                        uri(users.getParent()),
                        rules(),
                        null);
        CoachJob.build(env, sources, AuditSinks.auditOnly(uri(audit)), settings(receiverUrl));
    }

    /**
     * Part one's then part two's lines of {@code relative} (a file, or a folder's files with "/*").
     */
    private static Path concatenate(Path target, String relative) throws IOException {
        Files.createDirectories(target.getParent());
        StringBuilder lines = new StringBuilder();
        for (String part : List.of("part-1/", "part-2/")) {
            Path source = INPUT.resolve(part + relative.replace("/*", ""));
            try (Stream<Path> files =
                    relative.endsWith("/*") ? Files.list(source).sorted() : Stream.of(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    lines.append(Files.readString(file));
                }
            }
        }
        return Files.writeString(target, lines);
    }

    /** The org's settings (branding), then the rules and the end of the snapshot. */
    static List<ControlMessage> rules() {
        List<ControlMessage> messages = new ArrayList<>();
        messages.add(ControlMessage.orgSettings("acme", 1, ORG_SETTINGS, "upgrade/settings"));
        messages.addAll(RuleFiles.snapshot(INPUT.resolve("rules")));
        return messages;
    }

    static Set<String> detectionIds(Path audit) {
        return AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                .map(d -> d.path("detection_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Flink's own path type (the name clashes with java.nio's). */
    static org.apache.flink.core.fs.Path flinkPath(Path path) {
        return new org.apache.flink.core.fs.Path(uri(path));
    }

    /** Detections as rule, user and events: what a failure message should show. */
    static String describe(Path audit) {
        return AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                .map(
                        d ->
                                d.path("rule_id").asText()
                                        + " "
                                        + d.path("user_id").asText()
                                        + " "
                                        + d.path("event_uids"))
                .sorted()
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    static String uri(Path path) {
        return path.toAbsolutePath().toUri().toString();
    }

    /** Part two's inputs, bounded; no rule changes (the rules come from the restored state). */
    static final class PartTwoSources implements JobSources {
        @Override
        public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
            FileSource<RawEvent> files =
                    FileSource.forBulkFileFormat(
                                    new VendorFileFormat(
                                            EventNormalizer.DEFAULT_MAX_RECORD_CHARS,
                                            List.of(uri(INPUT.resolve("part-2/events")))),
                                    flinkPath(INPUT.resolve("part-2/events")))
                            .build();
            return env.fromSource(files, WatermarkStrategy.noWatermarks(), "Part two events")
                    .uid("part-two-events");
        }

        @Override
        public DataStream<String> users(StreamExecutionEnvironment env) {
            FileSource<String> files =
                    FileSource.forRecordStreamFormat(
                                    new TextLineInputFormat(),
                                    flinkPath(INPUT.resolve("part-2/users")))
                            .build();
            return env.fromSource(files, WatermarkStrategy.noWatermarks(), "Part two users")
                    .uid("part-two-users");
        }

        @Override
        public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
            // Only the end of an (empty) initial snapshot: the rules come from the restored state.
            return env.fromData(
                            List.of(ControlMessage.snapshotEnd("part two")),
                            TypeInformation.of(ControlMessage.class))
                    .uid("part-two-control")
                    .name("No rule changes")
                    .setParallelism(1);
        }
    }
}
