package io.securitycoach.control;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The "snapshot complete" flag in a function's broadcast state; set only from the broadcast side.
 */
public final class BroadcastFlag implements SnapshotWait.Flag {
    private final ReadOnlyBroadcastState<String, Boolean> state;

    public BroadcastFlag(ReadOnlyBroadcastState<String, Boolean> state) {
        this.state = state;
    }

    @Override
    public boolean isSet() throws Exception {
        return Boolean.TRUE.equals(state.get(SnapshotWait.KEY));
    }

    @Override
    public void set() throws Exception {
        ((BroadcastState<String, Boolean>) state).put(SnapshotWait.KEY, true);
    }
}
