package io.securitycoach.normalize;

import io.securitycoach.records.OrgSettings;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * What an org's settings say about reading its feeds: its verified domains (so a UPN in another of
 * them resolves by its user name) and the time zone of feeds whose template writes local times.
 */
public final class FeedSettings {
    public static final FeedSettings NONE =
            new FeedSettings(List.of(), new String[0], new String[0]);

    private final List<String> domains;
    private final String[] zoneVendors;
    private final String[] zones;

    private FeedSettings(List<String> domains, String[] zoneVendors, String[] zones) {
        this.domains = domains;
        this.zoneVendors = zoneVendors;
        this.zones = zones;
    }

    public static FeedSettings of(OrgSettings settings) {
        if (settings == null) {
            return NONE;
        }
        return new FeedSettings(
                List.copyOf(Arrays.asList(settings.domains)),
                settings.feedZoneVendors.clone(),
                settings.feedZones.clone());
    }

    /** The org's verified domains, the primary first; empty when the org named none. */
    public List<String> domains() {
        return domains;
    }

    /** The zone a vendor's local times are in: the org's setting for that feed, else GMT. */
    public ZoneId zone(String vendor) {
        for (int i = 0; i < zoneVendors.length; i++) {
            if (zoneVendors[i].equals(vendor)) {
                return ZoneId.of(zones[i]);
            }
        }
        return ZoneOffset.UTC;
    }
}
