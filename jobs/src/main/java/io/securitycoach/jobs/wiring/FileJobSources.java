package io.securitycoach.jobs.wiring;

import io.securitycoach.io.ArchiveRange;
import io.securitycoach.io.DropFolderEnumerator;
import io.securitycoach.io.VendorFileFormat;
import io.securitycoach.jobs.DirectoryWatermarks;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.jobs.wiring.control.ControlSnapshotSource;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sources over files: vendor drops (exactly {@code <root>/<org>/<vendor>/<file>.jsonl[.gz]}; see
 * {@code DropLayout}), a directory file or folder of JSON lines, and a rules folder. Bounded (read
 * once, then finish) or continuous (new files are picked up every {@code monitorInterval}). Paths
 * may be local or any Flink filesystem URI (s3://).
 */
public class FileJobSources implements JobSources {
    private final List<String> eventRoots;
    private final String users;
    private final List<ControlMessage> rules;
    private final Duration monitorInterval;

    /**
     * @param monitorInterval null for a bounded run
     * @param rules the control messages of the initial rule snapshot (see {@link RuleFiles})
     */
    public FileJobSources(
            List<String> eventRoots,
            String users,
            List<ControlMessage> rules,
            Duration monitorInterval) {
        this.eventRoots = List.copyOf(eventRoots);
        this.users = users;
        this.rules = List.copyOf(rules);
        this.monitorInterval = monitorInterval;
    }

    @Override
    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
        return eventFiles(env, eventRoots, monitorInterval);
    }

    @Override
    public DataStream<String> users(StreamExecutionEnvironment env) {
        Duration warmUp =
                monitorInterval == null
                        ? Duration.ZERO
                        : monitorInterval.multipliedBy(3).plusSeconds(5);
        return userFiles(env, users, monitorInterval, warmUp);
    }

    @Override
    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
        return ruleSnapshot(env, rules, monitorInterval == null);
    }

    /**
     * Vendor drop roots; event time is assigned after normalization, from the vendor's timestamp.
     */
    public static DataStream<RawEvent> eventFiles(
            StreamExecutionEnvironment env, List<String> roots, Duration monitorInterval) {
        return eventFiles(env, roots, monitorInterval, null);
    }

    /** As above; a bounded run may read only the files of an archive range. */
    public static DataStream<RawEvent> eventFiles(
            StreamExecutionEnvironment env,
            List<String> roots,
            Duration monitorInterval,
            ArchiveRange range) {
        Path[] paths = roots.stream().map(Path::new).toArray(Path[]::new);
        FileSource.FileSourceBuilder<RawEvent> builder =
                FileSource.forBulkFileFormat(
                        new VendorFileFormat(EventNormalizer.DEFAULT_MAX_RECORD_CHARS, roots),
                        paths);
        // the layout's own enumerator: exact depth, no traversal (see DropFolderEnumerator)
        builder.setSplitAssigner(OrgFairSplitAssigner::new); // one org's many files, not first
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
            builder.setFileEnumerator(DropFolderEnumerator.provider(null));
        } else {
            builder.setFileEnumerator(DropFolderEnumerator.provider(range));
        }
        return env.fromSource(
                        builder.build(), WatermarkStrategy.noWatermarks(), "Vendor event files")
                .uid(JobUids.SOURCE_EVENTS);
    }

    /**
     * The directory as JSON lines. Bounded: no watermark until the whole directory is read, then
     * the end-of-input watermark. Continuous: wall-clock watermarks after {@code warmUp}.
     */
    public static DataStream<String> userFiles(
            StreamExecutionEnvironment env,
            String path,
            Duration monitorInterval,
            Duration warmUp) {
        FileSource.FileSourceBuilder<String> builder =
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(path));
        WatermarkStrategy<String> watermarks = WatermarkStrategy.noWatermarks();
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
            watermarks = DirectoryWatermarks.wallClockAfter(warmUp);
        }
        return env.fromSource(builder.build(), watermarks, "Directory files")
                .uid(JobUids.SOURCE_USERS);
    }

    /** A bounded run's initial rule set: sent, then the source finishes. */
    public static DataStream<ControlMessage> ruleSnapshot(
            StreamExecutionEnvironment env, List<ControlMessage> rules) {
        return ruleSnapshot(env, rules, true);
    }

    /**
     * The initial rule set (ending with snapshot_end), sent once. Continuous, the source then stays
     * open (a finished control source would be finished in savepoints too, and a restored job could
     * take no control messages). A restore resumes it: the same set is not sent again, a different
     * one is sent in full on top of the restored rules (see {@link ControlSnapshotSource}).
     */
    public static DataStream<ControlMessage> ruleSnapshot(
            StreamExecutionEnvironment env, List<ControlMessage> rules, boolean bounded) {
        // The reader releases event time itself once the snapshot is sent (see SnapshotReader). Not
        // chained to the control intake: a savepoint of an earlier version holds this uid finished
        // and
        // the intake running, which Flink cannot restore into one task.
        return env.fromSource(
                        new ControlSnapshotSource(rules, bounded),
                        WatermarkStrategy.noWatermarks(),
                        "Rule files",
                        TypeInformation.of(ControlMessage.class))
                .uid(JobUids.SOURCE_CONTROL_FILES)
                .setParallelism(1)
                .disableChaining();
    }
}
