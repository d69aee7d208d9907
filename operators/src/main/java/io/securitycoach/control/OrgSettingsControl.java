package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlRequest;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.validation.Problems;

/**
 * An {@code org_settings} message applied to a store of org settings: validated, then versioned
 * like every control subject. The notify stage answers for settings; the normalize stage applies
 * them silently for its feeds.
 */
public final class OrgSettingsControl {
    private static final VersionedRegistry<OrgSettings> REGISTRY =
            new VersionedRegistry<>("settings", Integer.MAX_VALUE, s -> s.version);

    private OrgSettingsControl() {}

    public static VersionedRegistry.Outcome<OrgSettings> apply(
            ControlMessage msg, VersionedRegistry.Store<OrgSettings> store, long now)
            throws Exception {
        ControlRequest request = ControlRequest.settings(msg.orgId, msg.version, msg.source, now);
        Problems problems = new Problems();
        if (msg.orgId == null || msg.orgId.isBlank()) {
            problems.add("org", "missing");
        }
        OrgSettings settings =
                OrgSettingsValidator.parse(msg.orgId, msg.version, msg.payload, problems);
        if (!problems.isEmpty()) {
            return VersionedRegistry.Outcome.unchanged(
                    ControlStatus.rejected(
                            request, REGISTRY.liveVersion(store, request), problems.messages()));
        }
        return REGISTRY.upsert(store, request, settings);
    }
}
