package io.securitycoach.savepoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.runtime.checkpoint.OperatorState;

/** One operator of a savepoint in the inspect report. */
final class OperatorReport {
    private OperatorReport() {}

    /**
     * @throws IOException when a keyed state handle's head cannot be read
     */
    static ObjectNode of(OperatorState op, String uid, StateCounts counts) throws IOException {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("uid", uid);
        node.put("operator_id", op.getOperatorID().toHexString());
        node.put("parallelism", op.getParallelism());
        node.put("max_parallelism", op.getMaxParallelism());
        node.put("state_size_bytes", op.getStateSize());
        node.put("coordinator_state", op.getCoordinatorState() != null);
        ObjectNode saved = node.putObject("saved_keyed_state");
        KeyedStateNames.of(op).forEach(saved::put);
        ArrayNode operatorState = node.putArray("operator_state");
        SavepointInspector.operatorStateNames(op)
                .forEach(
                        (name, mode) ->
                                operatorState.addObject().put("name", name).put("mode", mode));
        for (JobStateLayout.KeyedOperator keyed : JobStateLayout.KEYED) {
            if (keyed.uid.equals(uid)) {
                node.put("keys", counts.total(uid, StateCell.KEY));
                node.put("event_timers", counts.total(uid, StateCell.EVENT_TIMER));
                node.put("processing_timers", counts.total(uid, StateCell.PROCESSING_TIMER));
                ArrayNode states = node.putArray("keyed_state");
                for (StateDescriptor<?, ?> d : keyed.states) {
                    states.add(keyedState(d, counts.total(uid, d.getName())));
                }
            }
        }
        return node;
    }

    /** The serializer and, for POJOs, lists and maps, what it serializes. */
    static String describe(TypeSerializer<?> serializer) {
        String name = serializer.getClass().getSimpleName();
        if (serializer instanceof PojoSerializer) {
            return name + "<" + serializer.createInstance().getClass().getSimpleName() + ">";
        }
        if (serializer instanceof ListSerializer) {
            return name
                    + "<"
                    + describe(((ListSerializer<?>) serializer).getElementSerializer())
                    + ">";
        }
        if (serializer instanceof MapSerializer) {
            MapSerializer<?, ?> map = (MapSerializer<?, ?>) serializer;
            return name
                    + "<"
                    + describe(map.getKeySerializer())
                    + ", "
                    + describe(map.getValueSerializer())
                    + ">";
        }
        return name;
    }

    private static ObjectNode keyedState(StateDescriptor<?, ?> d, long entries) {
        d.initializeSerializerUnlessSet(new ExecutionConfig());
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("name", d.getName());
        s.put("kind", d.getType().name().toLowerCase());
        s.put("serializer", describe(d.getSerializer()));
        s.put("ttl", d.getTtlConfig().isEnabled());
        s.put("entries", entries);
        return s;
    }
}
