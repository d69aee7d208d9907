package io.securitycoach.savepoints;

import io.securitycoach.directory.DirectoryChanges;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.RawEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code savepoint erase}: a new savepoint without one org's or one person's state. Each operator
 * holding orgs' or people's state is removed and written again from its own state minus what the
 * erasure covers (keys, timers, broadcast entries of an org, waiting records of an org); every
 * other operator's state is copied as it is.
 */
public final class SavepointEraser {
    private SavepointEraser() {}

    public static void erase(String from, String to, EraseTarget person, String backend)
            throws Exception {
        refuseUnknownOperatorState(from);
        Set<String> present = presentUids(from);
        EraseTarget target =
                person.userId == null || !present.contains(JobUids.DIRECTORY)
                        ? person
                        : person.withIdentities(identitiesOf(from, backend, person));
        List<BroadcastCell> broadcast = keptBroadcast(from, backend, present, target);
        StreamExecutionEnvironment env = StateTool.writerEnvironment(2);
        SavepointReader reader = SavepointReader.read(env, from, StateTool.backend(backend));
        SavepointWriter writer =
                SavepointWriter.fromExistingSavepoint(env, from, StateTool.backend(backend));
        for (JobStateLayout.KeyedOperator op : JobStateLayout.KEYED) {
            if (!present.contains(op.uid)) {
                continue;
            }
            BroadcastEntries entries =
                    broadcastOf(broadcast, op.uid, JobStateLayout.broadcastOf(op.uid));
            StateBootstrapTransformation<StateCell> rewritten =
                    OperatorTransformation.bootstrapWith(
                                    KeepTimers.on(
                                            SavepointState.keyed(
                                                    reader,
                                                    op,
                                                    new KeyedStateCells(op.states, target))))
                            .keyBy(c -> c.key, Types.STRING)
                            .transform(new KeyedStateWriter(op.states, entries));
            writer.removeOperator(OperatorIdentifier.forUid(op.uid))
                    .withOperator(OperatorIdentifier.forUid(op.uid), rewritten);
        }
        if (present.contains(JobUids.NORMALIZE)) {
            List<RawEvent> waiting = waitingForParsers(from, backend, target);
            StateBootstrapTransformation<Integer> normalize =
                    OperatorTransformation.bootstrapWith(env.fromData(0).setParallelism(1))
                            .transform(
                                    new OperatorStateWriter<>(
                                            broadcastOf(
                                                    broadcast,
                                                    JobUids.NORMALIZE,
                                                    JobStateLayout.NORMALIZE_BROADCAST),
                                            waitingDescriptor(),
                                            waiting,
                                            env.getConfig()));
            writer.removeOperator(OperatorIdentifier.forUid(JobUids.NORMALIZE))
                    .withOperator(OperatorIdentifier.forUid(JobUids.NORMALIZE), normalize);
        }
        writer.write(to);
        StateTool.execute(env, "erase " + target + " from " + from);
    }

    /** The identities the directory stage holds for the person (their email and aliases). */
    private static Set<String> identitiesOf(String from, String backend, EraseTarget person)
            throws Exception {
        StreamExecutionEnvironment env = StateTool.environment(1);
        SavepointReader reader = SavepointReader.read(env, from, StateTool.backend(backend));
        JobStateLayout.KeyedOperator directory = JobStateLayout.keyed(JobUids.DIRECTORY);
        String key = OrgKeys.userKey(person.orgId, person.userId);
        String state = DirectoryChanges.VERSION.getName();
        List<StateCell> cells =
                SavepointState.collect(
                        SavepointState.keyed(
                                        reader,
                                        directory,
                                        new KeyedStateCells(directory.states, null))
                                .filter(c -> key.equals(c.key) && state.equals(c.state)),
                        "read the identities of " + person);
        Set<String> identities = new HashSet<>();
        DirectoryChanges.VERSION.initializeSerializerUnlessSet(env.getConfig());
        for (StateCell c : cells) {
            identities.addAll(
                    List.of(
                            StateBytes.read(DirectoryChanges.VERSION.getSerializer(), c.value)
                                    .identities));
        }
        return identities;
    }

    /**
     * Operators are rewritten from the states {@link JobStateLayout} lists, and keyed state is
     * filtered only where the layout knows it: a savepoint holding any other keyed state (or other
     * non-keyed state in a rewritten operator) would lose it or keep the erased. Stop, naming it.
     */
    private static void refuseUnknownOperatorState(String from) throws Exception {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(from);
        Set<String> rewritten = JobStateLayout.BROADCAST.keySet();
        Map<String, String> uids = CurrentJobGraph.uidsByOperatorId();
        for (OperatorState op : metadata.getOperatorStates()) {
            String uid = uids.get(op.getOperatorID().toHexString());
            if (uid == null) {
                continue;
            }
            Set<String> names = new HashSet<>(KeyedStateNames.of(op).keySet());
            if (rewritten.contains(uid)) {
                names.addAll(SavepointInspector.operatorStateNames(op).keySet());
            }
            names.removeAll(JobStateLayout.stateNames());
            if (!names.isEmpty()) {
                throw new IllegalStateException(
                        "operator "
                                + uid
                                + " holds state "
                                + names
                                + " that JobStateLayout does not list: add it there before"
                                + " erasing");
            }
        }
    }

    static Set<String> presentUids(String savepoint) throws Exception {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(savepoint);
        Map<String, String> uids = CurrentJobGraph.uidsByOperatorId();
        Set<String> present = new HashSet<>();
        for (OperatorState op : metadata.getOperatorStates()) {
            String uid = uids.get(op.getOperatorID().toHexString());
            if (uid != null) {
                present.add(uid);
            }
        }
        return present;
    }

    /**
     * Broadcast entries that stay: all but those of an erased org (a person's erasure keeps them).
     */
    private static List<BroadcastCell> keptBroadcast(
            String from, String backend, Set<String> present, EraseTarget target) throws Exception {
        List<BroadcastCell> cells = SavepointState.allBroadcast(from, backend, present);
        return cells.stream()
                .filter(c -> c.orgId == null || !target.coversOrg(c.orgId))
                .collect(Collectors.toList());
    }

    static BroadcastEntries broadcastOf(
            List<BroadcastCell> cells, String uid, List<BroadcastStateType<?>> states) {
        BroadcastEntries entries = new BroadcastEntries();
        for (BroadcastStateType<?> d : states) {
            addTyped(entries, cells, uid, d.descriptor);
        }
        return entries;
    }

    private static <V> void addTyped(
            BroadcastEntries entries,
            List<BroadcastCell> cells,
            String uid,
            MapStateDescriptor<String, V> d) {
        entries.add(d, SavepointState.entries(cells, uid, d));
    }

    private static List<RawEvent> waitingForParsers(String from, String backend, EraseTarget target)
            throws Exception {
        StreamExecutionEnvironment env = StateTool.environment(1);
        SavepointReader reader = SavepointReader.read(env, from, StateTool.backend(backend));
        List<RawEvent> all =
                SavepointState.collect(
                        reader.readListState(
                                OperatorIdentifier.forUid(JobUids.NORMALIZE),
                                JobStateLayout.WAITING_FOR_PARSERS,
                                TypeInformation.of(RawEvent.class)),
                        "read records waiting for parsers");
        // Raw records name no person yet: a person's erasure cannot tell theirs apart; an org's
        // drops all.
        return all.stream().filter(e -> !target.coversOrg(e.orgId)).collect(Collectors.toList());
    }

    static ListStateDescriptor<RawEvent> waitingDescriptor() {
        return new ListStateDescriptor<>(
                JobStateLayout.WAITING_FOR_PARSERS, TypeInformation.of(RawEvent.class));
    }
}
