package io.securitycoach.integrations;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.util.Tags;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The poller's operator: Flink's keyed process operator, plus the end of a bounded run. Processing
 * -time timers do not fire once the input has ended, so at the end of the input every integration
 * this task holds is polled until a poll comes back empty.
 */
public final class IntegrationPollerOperator
        extends KeyedProcessOperator<String, ControlMessage, RawEvent> implements BoundedOneInput {
    private static final long serialVersionUID = 1L;

    public IntegrationPollerOperator(IntegrationPoller poller) {
        super(poller);
    }

    @Override
    public void endInput() throws Exception {
        List<String> keys;
        try (Stream<Object> all =
                getKeyedStateBackend()
                        .getKeys(IntegrationPoller.DEFINITION_STATE, VoidNamespace.INSTANCE)) {
            keys = all.map(String.class::cast).collect(Collectors.toList());
        }
        IntegrationPoller poller = (IntegrationPoller) getUserFunction();
        for (String key : keys) {
            setCurrentKey(key);
            poller.drain(
                    r -> output.collect(new StreamRecord<>(r)),
                    s -> output.collect(Tags.RULE_STATUS, new StreamRecord<>(s)));
        }
    }
}
