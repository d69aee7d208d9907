package io.securitycoach.bench.pipeline;

import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The load run's sources, as a continuous deployment has them: vendor files watched under a root
 * (or a rate-limited generator for latency runs), the directory as a watched file, the rules.
 */
final class BenchSources implements JobSources {
    static final Duration MONITOR = Duration.ofSeconds(1);

    private final Path events;
    private final RateLimitedEvents live;
    private final Path users;
    private final List<ControlMessage> rules;

    private BenchSources(
            Path events, RateLimitedEvents live, Path users, List<ControlMessage> rules) {
        this.events = events;
        this.live = live;
        this.users = users;
        this.rules = List.copyOf(rules);
    }

    /** Events from the files that appear under {@code events}. */
    static BenchSources files(Path events, Path users, List<ControlMessage> rules) {
        return new BenchSources(events, null, users, rules);
    }

    /** Events from a rate-limited generator. */
    static BenchSources live(RateLimitedEvents live, Path users, List<ControlMessage> rules) {
        return new BenchSources(null, live, users, rules);
    }

    @Override
    @SuppressWarnings("deprecation") // RateLimitedEvents is a SourceFunction
    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
        if (live != null) {
            return env.addSource(live, "Rate-limited generator", RawEventTypeInfo.INSTANCE)
                    .setParallelism(1)
                    .uid("source-events");
        }
        return FileJobSources.eventFiles(env, List.of(events.toUri().toString()), MONITOR);
    }

    @Override
    public DataStream<String> users(StreamExecutionEnvironment env) {
        return FileJobSources.userFiles(
                env, users.toUri().toString(), MONITOR, Duration.ofSeconds(5));
    }

    @Override
    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
        return FileJobSources.ruleSnapshot(env, rules);
    }
}
