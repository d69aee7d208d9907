package io.securitycoach.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-org delivery settings from the control stream: which channels the org uses, where each goes
 * (by secret reference, never the secret itself), and quiet hours. Validated on arrival by the
 * control package's {@code OrgSettingsValidator}.
 */
public class OrgSettings {
    public String orgId;
    public long version;
    public String[] channels = new String[0];

    /** Channel names and, at the same index, the secret reference of their destination. */
    public String[] destinationChannels = new String[0];

    public String[] destinationRefs = new String[0];

    /** HH:mm, or null for no quiet hours. */
    public String quietStart;

    public String quietEnd;
    public String timeZone;

    /** Branding in messages: the company's name and how its security team signs. */
    public String company;

    public String securityTeam;

    /** hold (send when quiet hours end) or drop (skip with a status). */
    public String quietMode = "hold";

    /**
     * The org's own webhook signing secret, by reference; required when it names a webhook
     * destination.
     */
    public String signingSecretRef;

    /**
     * Domains (and their subdomains) whose links in vendor text stay live in chat; the rest are
     * defanged.
     */
    public String[] linkDomains = new String[0];

    /**
     * The org's verified domains, lower-cased; the first is its primary email domain (see
     * FeedSettings).
     */
    public String[] domains = new String[0];

    /** Vendors whose feed writes local times, and at the same index the feed's time zone. */
    public String[] feedZoneVendors = new String[0];

    public String[] feedZones = new String[0];

    public OrgSettings() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof OrgSettings)) return false;
        OrgSettings s = (OrgSettings) o;
        return version == s.version
                && Objects.equals(orgId, s.orgId)
                && Arrays.equals(channels, s.channels)
                && Arrays.equals(destinationChannels, s.destinationChannels)
                && Arrays.equals(destinationRefs, s.destinationRefs)
                && Objects.equals(quietStart, s.quietStart)
                && Objects.equals(quietEnd, s.quietEnd)
                && Objects.equals(timeZone, s.timeZone)
                && Objects.equals(company, s.company)
                && Objects.equals(securityTeam, s.securityTeam)
                && Objects.equals(quietMode, s.quietMode)
                && Objects.equals(signingSecretRef, s.signingSecretRef)
                && Arrays.equals(linkDomains, s.linkDomains)
                && Arrays.equals(domains, s.domains)
                && Arrays.equals(feedZoneVendors, s.feedZoneVendors)
                && Arrays.equals(feedZones, s.feedZones);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, version);
    }
}
