package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.schema.Json;
import io.securitycoach.util.SideOutputs;
import io.securitycoach.util.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Until state layout 3 the detect stage held org settings (broadcast state "org-settings") and
 * copied them onto every detection; the notify stage holds them now. After a restore, each detect
 * task hands what it held to the notify stage once, as {@link ControlMessage#ORG_SETTINGS_HANDOVER}
 * messages on a side output, forgets it, and ends with {@link
 * ControlMessage#ORG_SETTINGS_HANDOVER_END}: every task sends the end marker after each (re)start,
 * so a restored notify stage knows when what its detect task held has arrived. The messages are in
 * the same checkpoint as the state they came from.
 */
public final class OrgSettingsHandover {
    /** Read only, in savepoints of layouts 1 and 2; written by no code today. */
    public static final MapStateDescriptor<String, OrgSettings> LEGACY_ORG_SETTINGS =
            new MapStateDescriptor<>(
                    "org-settings", Types.STRING, TypeInformation.of(OrgSettings.class));

    /** Null on a fresh start: nothing to hand over but the end marker. */
    private final BroadcastState<String, OrgSettings> legacy;

    private boolean handedOver;

    private OrgSettingsHandover(BroadcastState<String, OrgSettings> legacy) {
        this.legacy = legacy;
    }

    /** The legacy state when the function was restored (a fresh job has none). */
    public static OrgSettingsHandover of(OperatorStateStore store, boolean restored)
            throws Exception {
        return new OrgSettingsHandover(
                restored ? store.getBroadcastState(LEGACY_ORG_SETTINGS) : null);
    }

    /**
     * True until this task has handed over (check it first: the hand-over needs a context's
     * outputs).
     */
    public boolean pending() {
        return !handedOver;
    }

    /**
     * Hands the legacy settings over, the first time only; call before a task emits anything else.
     */
    public void handOverOnce(SideOutputs out) throws Exception {
        if (handedOver) {
            return;
        }
        handedOver = true;
        if (legacy != null) {
            for (Map.Entry<String, OrgSettings> e : legacy.immutableEntries()) {
                OrgSettings s = e.getValue();
                out.output(
                        Tags.ORG_SETTINGS_HANDOVER,
                        ControlMessage.settingsHandover(s.orgId, s.version, Json.write(s)));
            }
            legacy.clear();
        }
        out.output(Tags.ORG_SETTINGS_HANDOVER, ControlMessage.settingsHandoverEnd());
    }

    /** The settings a handover message carries. */
    public static OrgSettings settingsOf(ControlMessage handover) {
        try {
            return Json.mapper().readValue(handover.payload, OrgSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read handed-over settings of " + handover.orgId, e);
        }
    }
}
