package io.securitycoach.jobs.wiring;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.io.ArchiveRange;
import io.securitycoach.io.ReplayProgress;
import io.securitycoach.jobs.ControlWatermarks;
import io.securitycoach.jobs.DirectoryWatermarks;
import io.securitycoach.jobs.JobOptions;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.jobs.wiring.kinesis.ControlChannels;
import io.securitycoach.jobs.wiring.kinesis.ControlRecords;
import io.securitycoach.jobs.wiring.kinesis.EventRecords;
import io.securitycoach.jobs.wiring.kinesis.EventStreamTags;
import io.securitycoach.jobs.wiring.kinesis.KinesisOptions;
import io.securitycoach.jobs.wiring.kinesis.KinesisStreams;
import io.securitycoach.jobs.wiring.kinesis.TextRecords;
import io.securitycoach.options.Option;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import io.securitycoach.validation.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The sources a {@link CoachConfig} names: vendor events from drop roots (local or S3) and/or
 * Kinesis streams, the directory from a file and/or a stream, rules from a folder (the initial set)
 * and/or the control stream. Each source keeps its own uid, so adding one later still restores the
 * others. Checked when built: a job without events, directory or rules (the rules folder or the
 * operator's stream: only they may send snapshot_end), or a bounded job reading Kinesis, fails at
 * start naming the keys.
 */
public final class ConfiguredSources implements JobSources {
    private final CoachConfig config;
    private final EventStreamTags eventStreams;
    private final SharedSources shared;
    private final Duration monitor;
    private final List<ControlMessage> ruleSnapshot;

    public ConfiguredSources(CoachConfig config) {
        this.config = config;
        this.eventStreams = EventStreamTags.from(config);
        this.shared = new SharedSources(config);
        boolean bounded = config.get(JobOptions.BOUNDED);
        this.monitor = bounded ? null : config.get(SourceOptions.EVENT_MONITOR_INTERVAL);
        Problems problems = new Problems();
        if (eventStreams.isEmpty() && shared.isEmpty()) {
            requireOne(problems, SourceOptions.EVENT_PATHS, SourceOptions.EVENT_STREAMS);
        }
        requireOne(problems, SourceOptions.USERS_PATH, SourceOptions.USERS_STREAM);
        requireOne(problems, SourceOptions.RULES_PATH, SourceOptions.RULES_STREAM);
        if (!bounded) {
            for (var rangeKey : List.of(SourceOptions.REPLAY_SINCE, SourceOptions.REPLAY_UNTIL)) {
                if (config.isSet(rangeKey)) {
                    problems.add(
                            rangeKey.id(),
                            "only for bounded runs (Job.bounded=true); a continuous job reads every"
                                    + " new file");
                }
            }
        }
        if (bounded) {
            refuseStreams(problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // Read at start (on the client or JobManager): a missing rules folder fails the submission.
        List<ControlMessage> initial =
                new ArrayList<>(
                        config.getOptional(SourceOptions.PARSERS_PATH)
                                .map(RuleFiles::parsers)
                                .orElse(List.of()));
        initial.addAll(
                config.getOptional(SourceOptions.RULES_PATH)
                        .map(RuleFiles::snapshot)
                        .orElse(List.of()));
        this.ruleSnapshot = initial;
    }

    private void refuseStreams(Problems problems) {
        for (var stream :
                List.of(
                        SourceOptions.EVENT_STREAMS,
                        SourceOptions.EVENT_STREAMS_FILE,
                        SourceOptions.SHARED_STREAMS,
                        SourceOptions.USERS_STREAM,
                        SourceOptions.RULES_STREAM,
                        KinesisOptions.RULES_ORG_STREAMS)) {
            if (config.isSet(stream)) {
                problems.add(
                        stream.id(),
                        "a bounded job (Job.bounded=true) reads files only; Kinesis streams"
                                + " never end");
            }
        }
    }

    /** The archive range of a bounded run (everything when neither end is set). */
    public static ArchiveRange replayRange(CoachConfig config) {
        long since =
                config.isSet(SourceOptions.REPLAY_SINCE)
                        ? config.get(SourceOptions.REPLAY_SINCE).toEpochMilli()
                        : Long.MIN_VALUE;
        long until =
                config.isSet(SourceOptions.REPLAY_UNTIL)
                        ? config.get(SourceOptions.REPLAY_UNTIL).toEpochMilli()
                        : Long.MAX_VALUE;
        return new ArchiveRange(since, until);
    }

    private void requireOne(Problems problems, Option<?> a, Option<?> b) {
        if (!config.isSet(a) && !config.isSet(b)) {
            problems.addGeneral("set " + a.id() + " or " + b.id() + " (or both)");
        }
    }

    @Override
    // FlinkKinesisConsumer is a SourceFunction (deprecated in Flink 1.20): the connector's new
    // KinesisStreamsSource sends stream ARNs, which kinesalite rejects.
    @SuppressWarnings("deprecation")
    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
        DataStream<RawEvent> files = null;
        if (config.isSet(SourceOptions.EVENT_PATHS)) {
            files =
                    FileJobSources.eventFiles(
                            env,
                            config.get(SourceOptions.EVENT_PATHS),
                            monitor,
                            replayRange(config));
            if (monitor == null) {
                files =
                        files.map(new ReplayProgress())
                                .returns(RawEventTypeInfo.INSTANCE)
                                .uid(JobUids.REPLAY_PROGRESS)
                                .name("Replay progress");
            }
        }
        DataStream<RawEvent> streams =
                eventStreams.isEmpty()
                        ? null
                        : env.addSource(
                                        KinesisStreams.consumer(
                                                eventStreams.streams(),
                                                new EventRecords(eventStreams),
                                                config))
                                .uid(JobUids.SOURCE_EVENTS_KINESIS)
                                .name("Vendor event streams (Kinesis)");
        return union(union(files, streams), shared.events(env, monitor, replayRange(config)));
    }

    @Override
    // FlinkKinesisConsumer is a SourceFunction (deprecated in Flink 1.20): the connector's new
    // KinesisStreamsSource sends stream ARNs, which kinesalite rejects.
    @SuppressWarnings("deprecation")
    public DataStream<String> users(StreamExecutionEnvironment env) {
        Duration warmUp = config.get(SourceOptions.USERS_WARM_UP);
        DataStream<String> files =
                config.getOptional(SourceOptions.USERS_PATH)
                        .map(path -> FileJobSources.userFiles(env, path, monitor, warmUp))
                        .orElse(null);
        DataStream<String> stream =
                config.getOptional(SourceOptions.USERS_STREAM)
                        .map(
                                name ->
                                        env.addSource(
                                                        KinesisStreams.consumer(
                                                                List.of(name),
                                                                new TextRecords(),
                                                                config))
                                                .uid(JobUids.SOURCE_USERS_KINESIS)
                                                .name("Directory stream (Kinesis)")
                                                .assignTimestampsAndWatermarks(
                                                        DirectoryWatermarks.<String>wallClockAfter(
                                                                warmUp))
                                                .uid(JobUids.USERS_KINESIS_WATERMARKS)
                                                .name("Directory stream event time"))
                        .orElse(null);
        return union(files, stream);
    }

    @Override
    // FlinkKinesisConsumer is a SourceFunction (deprecated in Flink 1.20): the connector's new
    // KinesisStreamsSource sends stream ARNs, which kinesalite rejects.
    @SuppressWarnings("deprecation")
    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
        DataStream<ControlMessage> snapshot =
                ruleSnapshot.isEmpty()
                        ? null
                        : FileJobSources.ruleSnapshot(env, ruleSnapshot, monitor == null);
        ControlChannels channels = ControlChannels.from(config);
        DataStream<ControlMessage> stream =
                channels.isEmpty()
                        ? null
                        : env.addSource(
                                        KinesisStreams.consumer(
                                                channels.streams(),
                                                new ControlRecords(channels),
                                                config))
                                .uid(JobUids.SOURCE_CONTROL_KINESIS)
                                .name("Control stream (Kinesis)")
                                .assignTimestampsAndWatermarks(
                                        ControlWatermarks.<ControlMessage>neverHoldBack())
                                .uid(JobUids.CONTROL_KINESIS_WATERMARKS)
                                .name("Control stream: no event time");
        return union(snapshot, stream);
    }

    private static <T> DataStream<T> union(DataStream<T> a, DataStream<T> b) {
        return a == null ? b : b == null ? a : a.union(b);
    }
}
