package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.OrgSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code org_settings} message applied to a store of org settings: validated, then versioned like
 * every control subject. The notify stage answers for settings; the normalize stage applies them
 * silently for its feeds.
 */
public final class OrgSettingsControl {
    private static final VersionedRegistry<OrgSettings> REGISTRY =
            new VersionedRegistry<>("settings", Integer.MAX_VALUE, s -> s.version);

    private OrgSettingsControl() {}

    public static VersionedRegistry.Outcome<OrgSettings> apply(ControlMessage msg, VersionedRegistry.Store<OrgSettings> store,
                                                               long now) throws Exception {
        ControlRequest request = ControlRequest.settings(msg.orgId, msg.version, msg.source, now);
        List<String> errors = new ArrayList<>();
        if (msg.orgId == null || msg.orgId.isBlank()) {
            errors.add("org: missing");
        }
        OrgSettings settings = OrgSettings.parse(msg.orgId, msg.version, msg.payload, errors);
        if (!errors.isEmpty()) {
            return VersionedRegistry.Outcome.unchanged(
                    ControlStatus.rejected(request, REGISTRY.liveVersion(store, request), errors));
        }
        return REGISTRY.upsert(store, request, settings);
    }
}
