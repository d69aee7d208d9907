package io.securitycoach.control;

import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * A registry's entries in a function's broadcast state (keys {@code org/id}, or the org for
 * settings).
 */
public class BroadcastStore<T> implements VersionedRegistry.Store<T> {
    private final BroadcastState<String, T> state;

    public BroadcastStore(BroadcastState<String, T> state) {
        this.state = state;
    }

    @Override
    public T get(String key) throws Exception {
        return state.get(key);
    }

    @Override
    public void put(String key, T value) throws Exception {
        state.put(key, value);
    }

    @Override
    public void remove(String key) throws Exception {
        state.remove(key);
    }

    @Override
    public int countForOrg(String org) throws Exception {
        String prefix = org + "/";
        int n = 0;
        for (Map.Entry<String, T> e : state.immutableEntries()) {
            if (e.getKey().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }
}
