package io.securitycoach.bench.pipeline;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.records.RawEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine's own floor: the job's file source over the same files, one keyBy on the org, and the
 * audit trail's FileSink writing the raw lines, committed exactly once on checkpoints.
 */
final class PassThroughJob {
    static final String WRITE = "Pass-through: raw";

    private PassThroughJob() {}

    static void build(StreamExecutionEnvironment env, Path events, Path out) {
        FileJobSources.eventFiles(env, List.of(events.toUri().toString()), null)
                .keyBy(PassThroughJob::org, Types.STRING)
                .map(AuditStage.raw())
                .uid("pass-through-raw")
                .name(WRITE)
                .sinkTo(AuditSinks.files(out.toUri().toString()))
                .uid("pass-through-sink")
                .name("Pass-through sink");
    }

    private static String org(RawEvent e) {
        return e.orgId;
    }
}
