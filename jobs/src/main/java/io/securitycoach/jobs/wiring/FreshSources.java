package io.securitycoach.jobs.wiring;

import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sources that read their inputs in full after a restore: a bounded run from a savepoint processes
 * the given files against the restored state. Their uids differ from the sources' in the savepoint,
 * so the positions saved there (files already read) are not theirs; the restore drops them
 * (allowNonRestoredState), and only the sources' positions are in that case.
 */
public final class FreshSources implements JobSources {
    static final String SUFFIX = "-fresh";
    private final JobSources inputs;

    public FreshSources(JobSources inputs) {
        this.inputs = inputs;
    }

    @Override
    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
        return renamed(inputs.events(env), JobUids.SOURCE_EVENTS);
    }

    @Override
    public DataStream<String> users(StreamExecutionEnvironment env) {
        return renamed(inputs.users(env), JobUids.SOURCE_USERS);
    }

    @Override
    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
        return renamed(inputs.control(env), JobUids.SOURCE_CONTROL_FILES);
    }

    private static <T> DataStream<T> renamed(DataStream<T> stream, String uid) {
        if (!(stream instanceof SingleOutputStreamOperator)) {
            throw new IllegalStateException("source " + uid + " cannot be given a uid of its own");
        }
        return ((SingleOutputStreamOperator<T>) stream).uid(uid + SUFFIX);
    }
}
