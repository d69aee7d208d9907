package io.securitycoach.savepoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code savepoint inspect}: what a savepoint holds, by operator uid (state names, kinds,
 * serializers, sizes, key counts) and by org (people, identities, held events, rule progress,
 * holds, caps; rules, parsing configurations and settings), and which of its operators today's job
 * graph does not have (what allowNonRestoredState would drop) or lacks (they start empty).
 */
public final class SavepointInspector {
    private SavepointInspector() {}

    public static ObjectNode inspect(String path, String backend) throws Exception {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(path);
        Map<String, String> uids = CurrentJobGraph.uidsByOperatorId();
        Set<String> present = new TreeSet<>();
        for (OperatorState op : metadata.getOperatorStates()) {
            String uid = uids.get(op.getOperatorID().toHexString());
            if (uid != null) {
                present.add(uid);
            }
        }
        StreamExecutionEnvironment env = StateTool.environment(2);
        SavepointReader reader = SavepointReader.read(env, path, StateTool.backend(backend));
        StateCounts counts = StateCounts.read(reader, present);
        List<BroadcastCell> broadcast = SavepointState.allBroadcast(path, backend, present);

        ObjectNode report = Json.mapper().createObjectNode();
        report.put("path", path);
        report.put("checkpoint_id", metadata.getCheckpointId());
        report.put("size_bytes", StateTool.sizeOnDisk(path));
        ArrayNode operators = report.putArray("operators");
        List<String> unknown = new ArrayList<>();
        for (OperatorState op : metadata.getOperatorStates()) {
            String uid = uids.get(op.getOperatorID().toHexString());
            operators.add(OperatorReport.of(op, uid, counts));
            if (uid == null) {
                unknown.add(op.getOperatorID().toHexString());
            }
        }
        Set<String> missing = new TreeSet<>(uids.values());
        missing.removeAll(present);
        report.set("orgs", OrgReport.of(counts, broadcast));
        report.set("unknown_operators", Json.mapper().valueToTree(unknown));
        report.set("missing_uids", Json.mapper().valueToTree(missing));
        return report;
    }

    /**
     * Names and distribution modes of an operator's non-keyed state, as its handles record them.
     */
    static Map<String, String> operatorStateNames(OperatorState op) {
        Map<String, String> names = new TreeMap<>();
        for (OperatorSubtaskState subtask : op.getStates()) {
            for (OperatorStateHandle h : subtask.getManagedOperatorState()) {
                h.getStateNameToPartitionOffsets()
                        .forEach(
                                (name, meta) ->
                                        names.put(
                                                name,
                                                meta.getDistributionMode().name().toLowerCase()));
            }
        }
        return names;
    }
}
