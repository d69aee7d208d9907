package io.securitycoach.jobs;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the job reads, injected so that the embedded run, a cluster and tests each bring their own.
 * A source decides its own watermarks: the directory stream must not advance event time before the
 * directory it carries is loaded (see README, "Late users").
 */
public interface JobSources {
    /**
     * Vendor records, each tagged with its org and vendor (or "auto"), typed {@code
     * RawEventTypeInfo.INSTANCE} (the compact serializer of the shuffle after the source).
     */
    DataStream<RawEvent> events(StreamExecutionEnvironment env);

    /** The directory change log as JSON lines. */
    DataStream<String> users(StreamExecutionEnvironment env);

    /** Rule changes, ending the initial set with a {@link ControlMessage#SNAPSHOT_END}. */
    DataStream<ControlMessage> control(StreamExecutionEnvironment env);
}
