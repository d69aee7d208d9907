package io.securitycoach.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-org delivery settings from the control stream: which channels the org uses, where each goes
 * (by secret reference, never the secret itself), and quiet hours. Validated on arrival.
 */
public class OrgSettings {
    private static final Pattern SECRET_REF = Pattern.compile("^(env|file|aws-secrets-manager):[A-Za-z0-9/_.+=@-]{1,256}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9-]{1,63}\\.)+[a-z]{2,63}$");
    private static final Pattern HOUR = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");

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
    /** The org's verified domains, lower-cased; the first is its primary email domain (see FeedSettings). */
    public String[] domains = new String[0];
    /** Vendors whose feed writes local times, and at the same index the feed's time zone. */
    public String[] feedZoneVendors = new String[0];
    public String[] feedZones = new String[0];

    public OrgSettings() {}

    /** Parses and validates; every problem is listed. */
    public static OrgSettings parse(String orgId, long version, String json, List<String> errors) {
        OrgSettings s = new OrgSettings();
        s.orgId = orgId;
        s.version = version;
        JsonNode root;
        try {
            root = Json.mapper().readTree(json == null ? "" : json);
        } catch (Exception e) {
            errors.add("settings: not valid JSON");
            return s;
        }
        if (root == null || !root.isObject()) {
            errors.add("settings: expected a JSON object");
            return s;
        }
        List<String> channels = new ArrayList<>();
        for (JsonNode c : root.path("channels")) {
            if (!RuleParser.CHANNELS.contains(c.asText())) {
                errors.add("channels: unknown channel '" + c.asText() + "'");
            } else {
                channels.add(c.asText());
            }
        }
        s.channels = channels.toArray(new String[0]);
        List<String> dc = new ArrayList<>();
        List<String> dr = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("destinations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (!RuleParser.CHANNELS.contains(d.getKey())) {
                errors.add("destinations." + d.getKey() + ": unknown channel");
            } else if (!SECRET_REF.matcher(d.getValue().asText()).matches()) {
                errors.add("destinations." + d.getKey() + ": expected a secret reference (env:NAME, file:PATH or "
                        + "aws-secrets-manager:NAME), not a URL or token");
            } else if (!ownedBy(orgId, d.getValue().asText())) {
                errors.add("destinations." + d.getKey() + ": an org may only name its own secrets: env:" + envPrefix(orgId)
                        + "..., file:orgs/" + orgId + "/... or aws-secrets-manager:coach/" + orgId + "/...");
            } else {
                dc.add(d.getKey());
                dr.add(d.getValue().asText());
            }
        }
        s.destinationChannels = dc.toArray(new String[0]);
        s.destinationRefs = dr.toArray(new String[0]);
        s.company = root.at("/branding/company").asText(null);
        s.securityTeam = root.at("/branding/security_team").asText(null);
        feeds(s, root, errors);
        JsonNode quiet = root.path("quiet_hours");
        if (!quiet.isMissingNode() && !quiet.isNull()) {
            s.quietStart = quiet.path("start").asText(null);
            s.quietEnd = quiet.path("end").asText(null);
            s.timeZone = quiet.path("time_zone").asText("UTC");
            s.quietMode = quiet.path("mode").asText("hold");
            if (!"hold".equals(s.quietMode) && !"drop".equals(s.quietMode)) {
                errors.add("quiet_hours.mode: expected hold or drop");
            }
            if (s.quietStart == null || !HOUR.matcher(s.quietStart).matches()
                    || s.quietEnd == null || !HOUR.matcher(s.quietEnd).matches()) {
                errors.add("quiet_hours: expected start and end as HH:mm");
            } else if (s.quietStart.equals(s.quietEnd)) {
                errors.add("quiet_hours: start and end are equal (quiet all day would hold every message)");
            }
            try {
                java.time.ZoneId.of(s.timeZone);
            } catch (Exception e) {
                errors.add("quiet_hours.time_zone: unknown time zone '" + s.timeZone + "'");
            }
        }
        return s;
    }

    /** {@code domains: [...]} and {@code feed_time_zones: {vendor: zone}}: what the normalize stage reads. */
    private static void feeds(OrgSettings s, JsonNode root, List<String> errors) {
        List<String> domains = new ArrayList<>();
        for (JsonNode d : root.path("domains")) {
            String domain = d.asText("").trim().toLowerCase(java.util.Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add("domains: '" + d.asText() + "' is not a domain name");
            } else {
                domains.add(domain);
            }
        }
        s.domains = domains.toArray(new String[0]);
        List<String> vendors = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("feed_time_zones").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> zone = it.next();
            try {
                java.time.ZoneId.of(zone.getValue().asText());
                vendors.add(zone.getKey());
                zones.add(zone.getValue().asText());
            } catch (Exception e) {
                errors.add("feed_time_zones." + zone.getKey() + ": unknown time zone '"
                        + zone.getValue().asText() + "'");
            }
        }
        s.feedZoneVendors = vendors.toArray(new String[0]);
        s.feedZones = zones.toArray(new String[0]);
    }

    /** Tenants are kept apart: an org's references must lie in its own namespace. */
    static boolean ownedBy(String orgId, String ref) {
        if (orgId == null || ref.contains("..")) {
            return false;
        }
        return ref.startsWith("env:" + envPrefix(orgId)) || ref.startsWith("file:orgs/" + orgId + "/")
                || ref.startsWith("aws-secrets-manager:coach/" + orgId + "/");
    }

    static String envPrefix(String orgId) {
        return "COACH_ORG_" + orgId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof OrgSettings)) return false;
        OrgSettings s = (OrgSettings) o;
        return version == s.version && Objects.equals(orgId, s.orgId) && Arrays.equals(channels, s.channels)
                && Arrays.equals(destinationChannels, s.destinationChannels)
                && Arrays.equals(destinationRefs, s.destinationRefs) && Objects.equals(quietStart, s.quietStart)
                && Objects.equals(quietEnd, s.quietEnd) && Objects.equals(timeZone, s.timeZone)
                && Objects.equals(quietMode, s.quietMode) && Arrays.equals(domains, s.domains)
                && Arrays.equals(feedZoneVendors, s.feedZoneVendors) && Arrays.equals(feedZones, s.feedZones);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, version);
    }
}
