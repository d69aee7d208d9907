package io.securitycoach.jobs.wiring;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigFiles;
import io.securitycoach.io.ArchiveRange;
import io.securitycoach.io.OpenEnvelopes;
import io.securitycoach.io.SharedChannel;
import io.securitycoach.io.SharedFileFormat;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.jobs.wiring.kinesis.KinesisStreams;
import io.securitycoach.jobs.wiring.kinesis.SharedStreamRecords;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.validation.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The shared channels a {@link CoachConfig} names ({@code Events.shared.*}): Kinesis streams and
 * prefixes that carry many orgs, each record wrapped by the operator's own ingestion in an envelope
 * (or, for partition-key streams, keyed {@code org/vendor}). Their records are opened into the
 * vendor records they carry, attributed to the org the wrapping names (checked against the
 * allow-list when there is one), before anything else sees them.
 */
public final class SharedSources {
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final String ENVELOPE = "envelope";
    private static final String PARTITION_KEY = "partition-key";

    private final CoachConfig config;
    private final Map<String, String> streams;
    private final SharedChannel channel;

    public SharedSources(CoachConfig config) {
        this.config = config;
        Problems problems = new Problems();
        this.streams = streams(config, problems);
        Set<String> allowed = allowedOrgs(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        this.channel = new SharedChannel(allowed);
    }

    public boolean isEmpty() {
        return streams.isEmpty() && !config.isSet(SourceOptions.SHARED_PATHS);
    }

    /** Entries {@code stream} or {@code stream=envelope|partition-key}, by stream. */
    private static Map<String, String> streams(CoachConfig config, Problems problems) {
        Map<String, String> streams = new LinkedHashMap<>();
        for (String entry : config.get(SourceOptions.SHARED_STREAMS)) {
            String[] nameAndKind = entry.split("=", -1);
            String kind = nameAndKind.length == 2 ? nameAndKind[1] : ENVELOPE;
            if (nameAndKind.length > 2
                    || !STREAM.matcher(nameAndKind[0]).matches()
                    || !(ENVELOPE.equals(kind) || PARTITION_KEY.equals(kind))) {
                problems.add(
                        SourceOptions.SHARED_STREAMS.id(),
                        "'" + entry + "' is not stream, stream=envelope or stream=partition-key");
            } else if (streams.put(nameAndKind[0], kind) != null) {
                problems.add(
                        SourceOptions.SHARED_STREAMS.id(),
                        "stream '" + nameAndKind[0] + "' is listed twice");
            }
        }
        return streams;
    }

    /** The allow-list from the key and its file; null when neither is set (any org). */
    private static Set<String> allowedOrgs(CoachConfig config, Problems problems) {
        if (!config.isSet(SourceOptions.SHARED_ALLOWED_ORGS)
                && !config.isSet(SourceOptions.SHARED_ALLOWED_ORGS_FILE)) {
            return null;
        }
        List<String> orgs = new ArrayList<>(config.get(SourceOptions.SHARED_ALLOWED_ORGS));
        config.getOptional(SourceOptions.SHARED_ALLOWED_ORGS_FILE)
                .ifPresent(
                        f ->
                                orgs.addAll(
                                        ConfigFiles.entries(
                                                SourceOptions.SHARED_ALLOWED_ORGS_FILE, f)));
        for (String org : orgs) {
            if (!OrgIds.isValid(org)) {
                problems.add(
                        SourceOptions.SHARED_ALLOWED_ORGS.id(),
                        "'" + org + "': " + OrgIds.problem(org));
            }
        }
        return new TreeSet<>(orgs);
    }

    /**
     * The shared channels' vendor records, opened; null when none is configured.
     *
     * @param monitor how often shared prefixes are listed; null for a bounded run
     */
    public DataStream<RawEvent> events(
            StreamExecutionEnvironment env, Duration monitor, ArchiveRange range) {
        if (isEmpty()) {
            return null;
        }
        DataStream<RawEvent> sealed = union(files(env, monitor, range), kinesis(env));
        return sealed.flatMap(new OpenEnvelopes(channel))
                .returns(RawEventTypeInfo.INSTANCE)
                .uid(JobUids.OPEN_SHARED_ENVELOPES)
                .name("Open shared-channel envelopes");
    }

    @SuppressWarnings("deprecation") // the Kinesis connector 4.x consumer is a SourceFunction
    private DataStream<RawEvent> kinesis(StreamExecutionEnvironment env) {
        if (streams.isEmpty()) {
            return null;
        }
        Set<String> byKey = new TreeSet<>();
        streams.forEach(
                (name, kind) -> {
                    if (PARTITION_KEY.equals(kind)) {
                        byKey.add(name);
                    }
                });
        return env.addSource(
                        KinesisStreams.consumer(
                                new ArrayList<>(streams.keySet()),
                                new SharedStreamRecords(byKey, channel),
                                config))
                .uid(JobUids.SOURCE_EVENTS_SHARED_KINESIS)
                .name("Shared vendor event streams (Kinesis)");
    }

    private DataStream<RawEvent> files(
            StreamExecutionEnvironment env, Duration monitor, ArchiveRange range) {
        if (!config.isSet(SourceOptions.SHARED_PATHS)) {
            return null;
        }
        Path[] roots =
                config.get(SourceOptions.SHARED_PATHS).stream().map(Path::new).toArray(Path[]::new);
        FileSource.FileSourceBuilder<RawEvent> builder =
                FileSource.forBulkFileFormat(
                        // an envelope line holds a record of up to the normalizer's limit
                        new SharedFileFormat(2 * EventNormalizer.DEFAULT_MAX_RECORD_CHARS), roots);
        if (monitor != null) {
            builder.monitorContinuously(monitor);
        } else if (range != null) {
            builder.setFileEnumerator(range.sharedEnumerator());
        }
        return env.fromSource(
                        builder.build(), WatermarkStrategy.noWatermarks(), "Shared event files")
                .uid(JobUids.SOURCE_EVENTS_SHARED_FILES);
    }

    private static <T> DataStream<T> union(DataStream<T> a, DataStream<T> b) {
        return a == null ? b : b == null ? a : a.union(b);
    }
}
