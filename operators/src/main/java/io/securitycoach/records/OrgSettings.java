package io.securitycoach.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.OrgIds;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-org delivery settings from the control stream: which channels the org uses, where each goes
 * (by secret reference, never the secret itself), and quiet hours. Validated on arrival.
 */
public class OrgSettings {
    private static final Pattern SECRET_REF = Pattern.compile("^(env|file|aws-secrets-manager):[A-Za-z0-9/_.+=@-]{1,256}$");
    private static final Pattern HOUR = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final Pattern DOMAIN =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final int MAX_LINK_DOMAINS = 50;

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
    /** The org's own webhook signing secret, by reference; required when it names a webhook destination. */
    public String signingSecretRef;
    /** Domains (and their subdomains) whose links in vendor text stay live in chat; the rest are defanged. */
    public String[] linkDomains = new String[0];
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
        s.channels = channels(root, errors);
        destinations(s, root.path("destinations"), errors);
        signingSecret(s, root.path("signing_secret"), errors);
        s.linkDomains = linkDomains(root.path("link_domains"), errors);
        s.company = root.at("/branding/company").asText(null);
        s.securityTeam = root.at("/branding/security_team").asText(null);
        feeds(s, root, errors);
        quietHours(s, root.path("quiet_hours"), errors);
        return s;
    }

    /** {@code domains: [...]} and {@code feed_time_zones: {vendor: zone}}: what the normalize stage reads. */
    private static void feeds(OrgSettings s, JsonNode root, List<String> errors) {
        List<String> domains = new ArrayList<>();
        for (JsonNode d : root.path("domains")) {
            String domain = d.asText("").trim().toLowerCase(Locale.ROOT);
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
                ZoneId.of(zone.getValue().asText());
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

    private static String[] channels(JsonNode root, List<String> errors) {
        List<String> channels = new ArrayList<>();
        for (JsonNode c : root.path("channels")) {
            if (!RuleParser.CHANNELS.contains(c.asText())) {
                errors.add("channels: unknown channel '" + c.asText() + "'");
            } else {
                channels.add(c.asText());
            }
        }
        return channels.toArray(new String[0]);
    }

    private static void destinations(OrgSettings s, JsonNode destinations, List<String> errors) {
        List<String> dc = new ArrayList<>();
        List<String> dr = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = destinations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            String field = "destinations." + d.getKey();
            if (!RuleParser.CHANNELS.contains(d.getKey())) {
                errors.add(field + ": unknown channel");
            } else if (acceptRef(s.orgId, field, d.getValue().asText(), errors)) {
                dc.add(d.getKey());
                dr.add(d.getValue().asText());
            }
        }
        s.destinationChannels = dc.toArray(new String[0]);
        s.destinationRefs = dr.toArray(new String[0]);
    }

    /** The org's own secret that signs its webhooks; required when it names its own webhook destination. */
    private static void signingSecret(OrgSettings s, JsonNode ref, List<String> errors) {
        if (!ref.isMissingNode() && !ref.isNull()) {
            if (acceptRef(s.orgId, "signing_secret", ref.asText(), errors)) {
                s.signingSecretRef = ref.asText();
            }
        } else if (Arrays.asList(s.destinationChannels).contains("webhook")) {
            errors.add("signing_secret: required with destinations.webhook (a secret reference in the org's own "
                    + "namespace; the org's webhooks are signed with it)");
        }
    }

    /** Adds an error and returns false unless {@code ref} is a well-formed reference in the org's namespace. */
    private static boolean acceptRef(String orgId, String field, String ref, List<String> errors) {
        if (!SECRET_REF.matcher(ref).matches()) {
            errors.add(field + ": expected a secret reference (env:NAME, file:PATH or aws-secrets-manager:NAME), "
                    + "not a URL or token");
            return false;
        }
        if (!OrgIds.isValid(orgId)) {
            errors.add(field + ": " + OrgIds.problem(orgId));
            return false;
        }
        if (!ownedBy(orgId, ref)) {
            errors.add(field + ": an org may only name its own secrets: env:" + OrgIds.envNamespace(orgId)
                    + "..., file:" + OrgIds.pathNamespace("orgs/", orgId) + "... or aws-secrets-manager:"
                    + OrgIds.pathNamespace("coach/", orgId) + "...");
            return false;
        }
        return true;
    }

    private static String[] linkDomains(JsonNode domains, List<String> errors) {
        List<String> out = new ArrayList<>();
        if (!domains.isMissingNode() && !domains.isNull() && !domains.isArray()) {
            errors.add("link_domains: expected a list of domain names");
        }
        for (JsonNode d : domains) {
            String domain = d.asText("").toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add("link_domains: '" + d.asText() + "' is not a domain name (e.g. learn.acme.com)");
            } else {
                out.add(domain);
            }
        }
        if (out.size() > MAX_LINK_DOMAINS) {
            errors.add("link_domains: at most " + MAX_LINK_DOMAINS + " domains");
        }
        return out.toArray(new String[0]);
    }

    private static void quietHours(OrgSettings s, JsonNode quiet, List<String> errors) {
        if (quiet.isMissingNode() || quiet.isNull()) {
            return;
        }
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
            ZoneId.of(s.timeZone);
        } catch (Exception e) {
            errors.add("quiet_hours.time_zone: unknown time zone '" + s.timeZone + "'");
        }
    }

    /**
     * Tenants are kept apart: an org's references must lie in its own namespace, derived from its id
     * by {@link OrgIds} one-to-one, so no org can name a secret in another org's namespace.
     */
    static boolean ownedBy(String orgId, String ref) {
        if (!OrgIds.isValid(orgId) || ref.contains("..")) {
            return false;
        }
        return hasNameAfter(ref, "env:" + OrgIds.envNamespace(orgId))
                || hasNameAfter(ref, "file:" + OrgIds.pathNamespace("orgs/", orgId))
                || hasNameAfter(ref, "aws-secrets-manager:" + OrgIds.pathNamespace("coach/", orgId));
    }

    private static boolean hasNameAfter(String ref, String namespace) {
        return ref.startsWith(namespace) && ref.length() > namespace.length();
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
                && Objects.equals(quietMode, s.quietMode) && Objects.equals(signingSecretRef, s.signingSecretRef)
                && Arrays.equals(linkDomains, s.linkDomains) && Arrays.equals(domains, s.domains)
                && Arrays.equals(feedZoneVendors, s.feedZoneVendors) && Arrays.equals(feedZones, s.feedZones);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, version);
    }
}
