package io.securitycoach.savepoints;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Keyed-state counts of a savepoint by operator, state and org, summed in one batch job. */
final class StateCounts {
    /** uid -> state (or "key") -> org -> count. */
    private final Map<String, Map<String, Map<String, Long>>> counts = new TreeMap<>();

    static StateCounts read(SavepointReader reader, Set<String> present) throws Exception {
        DataStream<StateCount> all = null;
        for (JobStateLayout.KeyedOperator op : JobStateLayout.KEYED) {
            if (!present.contains(op.uid)) {
                continue;
            }
            String uid = op.uid;
            DataStream<StateCount> one =
                    SavepointState.keyed(reader, op, KeyedStateCells.counting(op.states))
                            .map(c -> StateCount.of(uid, c))
                            .returns(StateCount.class);
            all = all == null ? one : all.union(one);
        }
        StateCounts result = new StateCounts();
        if (all == null) {
            return result;
        }
        List<StateCount> summed =
                SavepointState.collect(
                        all.keyBy(StateCount::group, Types.STRING)
                                .reduce(
                                        (a, b) -> {
                                            a.count += b.count;
                                            return a;
                                        }),
                        "inspect keyed state");
        for (StateCount c : summed) {
            result.counts
                    .computeIfAbsent(c.operatorUid, u -> new TreeMap<>())
                    .computeIfAbsent(c.state, s -> new TreeMap<>())
                    .put(c.orgId, c.count);
        }
        return result;
    }

    /** Total over orgs of one state (or {@link StateCell#KEY}) of one operator. */
    long total(String uid, String state) {
        return byOrg(uid, state).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> byOrg(String uid, String state) {
        return counts.getOrDefault(uid, Map.of()).getOrDefault(state, Map.of());
    }
}
