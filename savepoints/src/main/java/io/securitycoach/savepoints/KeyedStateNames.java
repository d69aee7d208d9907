package io.securitycoach.savepoints;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;

/**
 * The keyed states a savepoint holds for an operator, by name and kind, as the state backend wrote
 * them (the head of each canonical key-group stream): what is there, whether or not today's job
 * knows it. Timer queues are left out.
 */
final class KeyedStateNames {
    private static final String TIMERS = "_timer_state/";

    private KeyedStateNames() {}

    static Map<String, String> of(OperatorState op) throws IOException {
        Map<String, String> names = new TreeMap<>();
        for (OperatorSubtaskState subtask : op.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                if (handle instanceof KeyGroupsStateHandle) {
                    read((KeyGroupsStateHandle) handle, names);
                }
            }
        }
        return names;
    }

    private static void read(KeyGroupsStateHandle handle, Map<String, String> names)
            throws IOException {
        KeyedBackendSerializationProxy<?> proxy =
                new KeyedBackendSerializationProxy<>(KeyedStateNames.class.getClassLoader());
        try (FSDataInputStream in = handle.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
        }
        for (StateMetaInfoSnapshot s : proxy.getStateMetaInfoSnapshots()) {
            if (!s.getName().startsWith(TIMERS)) {
                names.put(
                        s.getName(),
                        s.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE));
            }
        }
    }
}
