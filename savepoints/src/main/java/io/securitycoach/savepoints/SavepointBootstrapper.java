package io.securitycoach.savepoints;

import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.UserRecord;
import io.securitycoach.util.Keys;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code savepoint bootstrap}: a savepoint for today's job graph from a directory dump and the
 * rules, parsing configurations and org settings, so a new deployment starts with them in state
 * instead of replaying the directory through the job. The operators not written here (sources,
 * sinks, notification state) start empty on restore.
 */
public final class SavepointBootstrapper {
    /** The job's default for its parallelism (Flink's default for up to 128 tasks). */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    private SavepointBootstrapper() {}

    public static void bootstrap(
            String usersDump,
            ControlSnapshot control,
            String out,
            String backend,
            int maxParallelism,
            Duration tombstoneRetention)
            throws Exception {
        bootstrap(
                env -> DirectoryDump.records(env, usersDump),
                control,
                out,
                backend,
                maxParallelism,
                tombstoneRetention);
    }

    /** As above, from any stream of directory records (a benchmark generates them). */
    public static void bootstrap(
            Function<StreamExecutionEnvironment, DataStream<UserRecord>> directory,
            ControlSnapshot control,
            String out,
            String backend,
            int maxParallelism,
            Duration tombstoneRetention)
            throws Exception {
        StreamExecutionEnvironment env = StateTool.writerEnvironment(2);
        DataStream<UserRecord> newest = DirectoryDump.newestRecords(directory.apply(env));
        StateBootstrapTransformation<UserRecord> versions =
                OperatorTransformation.bootstrapWith(newest)
                        .keyBy(Keys::user, Types.STRING)
                        .transform(new DirectoryBootstrap.Versions(tombstoneRetention.toMillis()));
        StateBootstrapTransformation<UserRecord> profiles =
                OperatorTransformation.bootstrapWith(newest.filter(r -> !r.deleted))
                        .keyBy(Keys::user, Types.STRING)
                        .transform(new DirectoryBootstrap.Profiles());
        StateBootstrapTransformation<DirectoryUpdate> owners =
                OperatorTransformation.bootstrapWith(DirectoryDump.identityOwners(newest))
                        .keyBy(Keys::identity, Types.STRING)
                        .transform(new DirectoryBootstrap.Owners());
        SavepointWriter.newSavepoint(env, StateTool.backend(backend), maxParallelism)
                .withOperator(OperatorIdentifier.forUid(JobUids.DIRECTORY), versions)
                .withOperator(OperatorIdentifier.forUid(JobUids.ENRICH), profiles)
                .withOperator(OperatorIdentifier.forUid(JobUids.RESOLVE), owners)
                .withOperator(
                        OperatorIdentifier.forUid(JobUids.DETECT),
                        broadcastOnly(env, JobUids.DETECT, control.detect()))
                .withOperator(
                        OperatorIdentifier.forUid(JobUids.PLAN),
                        broadcastOnly(env, JobUids.PLAN, control.plan()))
                .withOperator(OperatorIdentifier.forUid(JobUids.NORMALIZE), normalize(env, control))
                .write(out);
        StateTool.execute(env, "bootstrap " + out);
    }

    /**
     * A keyed operator with no keyed state yet (no progress, nothing waiting), only broadcast
     * state.
     */
    private static StateBootstrapTransformation<StateCell> broadcastOnly(
            StreamExecutionEnvironment env, String uid, BroadcastEntries broadcast) {
        StateCell nothing = StateCell.of("", StateCell.KEY, null, null);
        JobStateLayout.KeyedOperator op = JobStateLayout.keyed(uid);
        return OperatorTransformation.bootstrapWith(
                        env.fromData(List.of(nothing), TypeInformation.of(StateCell.class)))
                .keyBy(c -> c.key, Types.STRING)
                .transform(new KeyedStateWriter(op.states, broadcast));
    }

    private static StateBootstrapTransformation<Integer> normalize(
            StreamExecutionEnvironment env, ControlSnapshot control) {
        return OperatorTransformation.bootstrapWith(env.fromData(0).setParallelism(1))
                .transform(
                        new OperatorStateWriter<>(
                                control.normalize(),
                                SavepointEraser.waitingDescriptor(),
                                List.of(),
                                env.getConfig()));
    }
}
