package io.securitycoach.jobs;

import io.securitycoach.io.VendorFileFormat;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;

/**
 * Sources over files: vendor drops ({@code <org>/<vendor>/*.jsonl[.gz]}), a directory file or folder of
 * JSON lines, and a rules folder. Bounded (read once, then finish) or continuous (new files are
 * picked up every {@code monitorInterval}). Paths may be local or any Flink filesystem URI.
 */
public class FileJobSources implements JobSources {
    private final List<String> eventRoots;
    private final String users;
    private final List<ControlMessage> rules;
    private final Duration monitorInterval;
    private final Duration directoryWarmUp;

    /**
     * @param monitorInterval null for a bounded run
     * @param rules the control messages of the initial rule snapshot (see {@link RuleFiles})
     */
    public FileJobSources(List<String> eventRoots, String users, List<ControlMessage> rules, Duration monitorInterval) {
        this.eventRoots = List.copyOf(eventRoots);
        this.users = users;
        this.rules = List.copyOf(rules);
        this.monitorInterval = monitorInterval;
        this.directoryWarmUp = monitorInterval == null ? Duration.ZERO : monitorInterval.multipliedBy(3).plusSeconds(5);
    }

    @Override
    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
        Path[] roots = eventRoots.stream().map(Path::new).toArray(Path[]::new);
        FileSource.FileSourceBuilder<RawEvent> builder =
                FileSource.forBulkFileFormat(new VendorFileFormat(EventNormalizer.DEFAULT_MAX_RECORD_CHARS), roots);
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        // Event time is assigned after normalization, from the vendor's timestamp.
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "Vendor event files")
                .uid("source-events");
    }

    @Override
    public DataStream<String> users(StreamExecutionEnvironment env) {
        FileSource.FileSourceBuilder<String> builder =
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(users));
        WatermarkStrategy<String> watermarks;
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
            watermarks = DirectoryWatermarks.wallClockAfter(directoryWarmUp);
        } else {
            // Bounded: no watermark until the whole directory is read, then the end-of-input watermark.
            watermarks = WatermarkStrategy.noWatermarks();
        }
        return env.fromSource(builder.build(), watermarks, "Directory files").uid("source-users");
    }

    @Override
    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
        return env.fromData(rules, TypeInformation.of(ControlMessage.class))
                .name("Rule files").uid("source-rules").setParallelism(1);
    }
}
