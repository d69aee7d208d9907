package io.securitycoach.savepoints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Reads the job's keyed and broadcast state out of a savepoint as cells (see {@link
 * JobStateLayout}).
 */
final class SavepointState {
    private SavepointState() {}

    static DataStream<StateCell> keyed(
            SavepointReader reader, JobStateLayout.KeyedOperator op, KeyedStateCells cells)
            throws IOException {
        return reader.readKeyedState(
                OperatorIdentifier.forUid(op.uid),
                cells,
                TypeInformation.of(String.class),
                TypeInformation.of(StateCell.class));
    }

    /** Every broadcast entry of the operator, in one stream. */
    static DataStream<BroadcastCell> broadcast(
            SavepointReader reader, String uid, List<BroadcastStateType<?>> states)
            throws IOException {
        DataStream<BroadcastCell> all = null;
        for (BroadcastStateType<?> d : states) {
            DataStream<BroadcastCell> one = broadcastOf(reader, uid, d);
            all = all == null ? one : all.union(one);
        }
        return all;
    }

    private static <V> DataStream<BroadcastCell> broadcastOf(
            SavepointReader reader, String uid, BroadcastStateType<V> type) throws IOException {
        MapStateDescriptor<String, V> d = type.descriptor;
        d.initializeSerializerUnlessSet(new ExecutionConfig());
        TypeSerializer<String> keys = d.getKeySerializer();
        TypeSerializer<V> values = d.getValueSerializer();
        String state = d.getName();
        DataStream<Tuple2<String, V>> entries =
                reader.readBroadcastState(
                        OperatorIdentifier.forUid(uid), state, Types.STRING, type.valueType);
        return entries.map(
                        e -> {
                            BroadcastCell c = new BroadcastCell();
                            c.operatorUid = uid;
                            c.state = state;
                            c.orgId = BroadcastCell.orgOf(state, e.f0);
                            c.key = StateBytes.write(keys, e.f0);
                            c.value = StateBytes.write(values, e.f1);
                            return c;
                        })
                .returns(BroadcastCell.class)
                .name("Read " + uid + " " + state);
    }

    /** The cells of one broadcast state as typed entries again. */
    static <V> Map<String, V> entries(
            List<BroadcastCell> cells, String uid, MapStateDescriptor<String, V> d) {
        d.initializeSerializerUnlessSet(new ExecutionConfig());
        Map<String, V> out = new HashMap<>();
        for (BroadcastCell c : cells) {
            if (c.operatorUid.equals(uid) && c.state.equals(d.getName())) {
                out.put(
                        StateBytes.read(d.getKeySerializer(), c.key),
                        StateBytes.read(d.getValueSerializer(), c.value));
            }
        }
        return out;
    }

    /**
     * The broadcast entries of every operator that has them (see the layout), of those the
     * savepoint holds.
     */
    static List<BroadcastCell> allBroadcast(String path, String backend, Set<String> present)
            throws Exception {
        StreamExecutionEnvironment env = StateTool.environment(1);
        SavepointReader reader = SavepointReader.read(env, path, StateTool.backend(backend));
        List<BroadcastCell> cells = new ArrayList<>();
        for (Map.Entry<String, List<BroadcastStateType<?>>> op :
                JobStateLayout.BROADCAST.entrySet()) {
            if (present.contains(op.getKey())) {
                cells.addAll(
                        collect(
                                broadcast(reader, op.getKey(), op.getValue()),
                                "read " + op.getKey() + " broadcast state"));
            }
        }
        return cells;
    }

    static <T> List<T> collect(DataStream<T> stream, String jobName) throws Exception {
        List<T> out = new ArrayList<>();
        try (var it = stream.executeAndCollect(jobName)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
