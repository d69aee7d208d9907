package io.securitycoach.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.schema.Json;
import io.securitycoach.validation.Problems;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an org's settings from a control message and checks every part of them, secret references
 * by the {@link TenantSecretPolicy}: the org's {@link OrgSettings} and every problem found, each
 * under its path ({@code destinations.slack}, {@code quiet_hours.mode}).
 */
public final class OrgSettingsValidator {
    private static final Pattern HOUR = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final Pattern DOMAIN =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final int MAX_LINK_DOMAINS = 50;

    private OrgSettingsValidator() {}

    /** The settings as far as they are valid; use them only when {@code problems} stayed empty. */
    public static OrgSettings parse(String orgId, long version, String json, Problems problems) {
        OrgSettings s = new OrgSettings();
        s.orgId = orgId;
        s.version = version;
        JsonNode root = object(json, problems);
        if (root == null) {
            return s;
        }
        s.channels = channels(root, problems);
        destinations(s, root.path("destinations"), problems);
        signingSecret(s, root.path("signing_secret"), problems);
        s.linkDomains = linkDomains(root.path("link_domains"), problems);
        s.company = root.at("/branding/company").asText(null);
        s.securityTeam = root.at("/branding/security_team").asText(null);
        s.domains = domains(root, problems);
        feedZones(s, root, problems);
        quietHours(s, root.path("quiet_hours"), problems);
        return s;
    }

    private static JsonNode object(String json, Problems problems) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json == null ? "" : json);
        } catch (Exception e) {
            problems.add("settings", "not valid JSON");
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add("settings", "expected a JSON object");
            return null;
        }
        return root;
    }

    /** {@code domains: [...]}: the org's verified domains, read by the normalize stage. */
    private static String[] domains(JsonNode root, Problems problems) {
        List<String> domains = new ArrayList<>();
        for (JsonNode d : root.path("domains")) {
            String domain = d.asText("").trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                problems.add("domains", "'" + d.asText() + "' is not a domain name");
            } else {
                domains.add(domain);
            }
        }
        return domains.toArray(new String[0]);
    }

    /** {@code feed_time_zones: {vendor: zone}}: feeds that write local times. */
    private static void feedZones(OrgSettings s, JsonNode root, Problems problems) {
        List<String> vendors = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("feed_time_zones").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> zone = it.next();
            if (isZone(zone.getValue().asText())) {
                vendors.add(zone.getKey());
                zones.add(zone.getValue().asText());
            } else {
                problems.add(
                        "feed_time_zones." + zone.getKey(),
                        "unknown time zone '" + zone.getValue().asText() + "'");
            }
        }
        s.feedZoneVendors = vendors.toArray(new String[0]);
        s.feedZones = zones.toArray(new String[0]);
    }

    private static String[] channels(JsonNode root, Problems problems) {
        List<String> channels = new ArrayList<>();
        for (JsonNode c : root.path("channels")) {
            if (!ChannelName.isKnown(c.asText())) {
                problems.add("channels", "unknown channel '" + c.asText() + "'");
            } else {
                channels.add(c.asText());
            }
        }
        return channels.toArray(new String[0]);
    }

    private static void destinations(OrgSettings s, JsonNode destinations, Problems problems) {
        List<String> dc = new ArrayList<>();
        List<String> dr = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = destinations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            String path = "destinations." + d.getKey();
            if (!ChannelName.isKnown(d.getKey())) {
                problems.add(path, "unknown channel");
            } else if (TenantSecretPolicy.accept(s.orgId, path, d.getValue().asText(), problems)) {
                dc.add(d.getKey());
                dr.add(d.getValue().asText());
            }
        }
        s.destinationChannels = dc.toArray(new String[0]);
        s.destinationRefs = dr.toArray(new String[0]);
    }

    /**
     * The org's own secret that signs its webhooks; required when it names its own webhook
     * destination.
     */
    private static void signingSecret(OrgSettings s, JsonNode ref, Problems problems) {
        if (!ref.isMissingNode() && !ref.isNull()) {
            if (TenantSecretPolicy.accept(s.orgId, "signing_secret", ref.asText(), problems)) {
                s.signingSecretRef = ref.asText();
            }
        } else if (Arrays.asList(s.destinationChannels).contains(ChannelName.WEBHOOK.id())) {
            problems.add(
                    "signing_secret",
                    "required with destinations.webhook (a secret reference in the org's own "
                            + "namespace; the org's webhooks are signed with it)");
        }
    }

    private static String[] linkDomains(JsonNode domains, Problems problems) {
        List<String> out = new ArrayList<>();
        if (!domains.isMissingNode() && !domains.isNull() && !domains.isArray()) {
            problems.add("link_domains", "expected a list of domain names");
        }
        for (JsonNode d : domains) {
            String domain = d.asText("").toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                problems.add(
                        "link_domains",
                        "'" + d.asText() + "' is not a domain name (e.g. learn.acme.com)");
            } else {
                out.add(domain);
            }
        }
        if (out.size() > MAX_LINK_DOMAINS) {
            problems.add("link_domains", "at most " + MAX_LINK_DOMAINS + " domains");
        }
        return out.toArray(new String[0]);
    }

    private static void quietHours(OrgSettings s, JsonNode quiet, Problems problems) {
        if (quiet.isMissingNode() || quiet.isNull()) {
            return;
        }
        s.quietStart = quiet.path("start").asText(null);
        s.quietEnd = quiet.path("end").asText(null);
        s.timeZone = quiet.path("time_zone").asText("UTC");
        s.quietMode = quiet.path("mode").asText("hold");
        if (!"hold".equals(s.quietMode) && !"drop".equals(s.quietMode)) {
            problems.add("quiet_hours.mode", "expected hold or drop");
        }
        if (!isHour(s.quietStart) || !isHour(s.quietEnd)) {
            problems.add("quiet_hours", "expected start and end as HH:mm");
        } else if (s.quietStart.equals(s.quietEnd)) {
            problems.add(
                    "quiet_hours",
                    "start and end are equal (quiet all day would hold every message)");
        }
        if (!isZone(s.timeZone)) {
            problems.add("quiet_hours.time_zone", "unknown time zone '" + s.timeZone + "'");
        }
    }

    private static boolean isHour(String hhmm) {
        return hhmm != null && HOUR.matcher(hhmm).matches();
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
