package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Microsoft Defender alerts as Microsoft Graph security {@code alerts_v2} returns them (one per
 * line, or a {@code {"value": [...]}} page). The class comes from {@code serviceSource} (Defender
 * for Office 365: email; Entra ID Protection and Defender for Identity: auth; Purview DLP: dlp;
 * Defender for Cloud Apps: web, as cloud app activity; Defender for Endpoint and the rest:
 * endpoint), else from {@code detectionSource} and the evidence; the person from the evidence
 * ({@link DefenderEvidence}).
 */
public final class DefenderNormalizer implements VendorNormalizer {
    /**
     * Graph categories that are MITRE ATT&CK tactics, with the name ATT&CK gives each (a regex per
     * event cost more).
     */
    private static final Map<String, String> TACTICS =
            Stream.of(
                            "Reconnaissance",
                            "ResourceDevelopment",
                            "InitialAccess",
                            "Execution",
                            "Persistence",
                            "PrivilegeEscalation",
                            "DefenseEvasion",
                            "CredentialAccess",
                            "Discovery",
                            "LateralMovement",
                            "Collection",
                            "CommandAndControl",
                            "Exfiltration",
                            "Impact")
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    c -> c, c -> c.replaceAll("([a-z])([A-Z])", "$1 $2")));

    @Override
    public String vendor() {
        return "defender";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("createdDateTime")
                        && (r.has("evidence")
                                || r.has("serviceSource")
                                || r.has("vendorInformation"))
                || DefenderIncidents.isIncident(r)
                || DefenderIncidents.isAlert(r);
    }

    @Override
    public String recordType(JsonNode r) {
        if (DefenderIncidents.isIncident(r)) {
            return "incident";
        }
        if (r.has("vendorInformation")) {
            return "alert-v1:" + r.path("vendorInformation").path("provider").asText("unknown");
        }
        return (DefenderIncidents.isAlert(r) ? "incident-alert:" : "alert:")
                + r.path("serviceSource").asText(r.path("detectionSource").asText("unknown"));
    }

    /** An incident from the incidents API is one event per alert in its {@code alerts[]}. */
    @Override
    public int eventCount(JsonNode r) {
        return DefenderIncidents.isIncident(r) ? Math.max(1, r.path("alerts").size()) : 1;
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        normalize(r, 0, out);
    }

    @Override
    public void normalize(JsonNode r, int index, SecurityEvent out) throws NormalizationException {
        out.product = "Microsoft Defender";
        DefenderEvidence evidence;
        JsonNode alert = r;
        if (DefenderIncidents.isIncident(r)) {
            alert = r.path("alerts").path(index);
            if (!alert.isObject()) {
                throw new NormalizationException(
                        Reasons.PLATFORM_EVENT, "an incident without alerts names no person");
            }
            evidence = DefenderIncidents.read(alert, out);
        } else if (DefenderIncidents.isAlert(r)) {
            evidence = DefenderIncidents.read(r, out);
        } else if (r.has("vendorInformation") && !r.has("evidence")) {
            evidence = GraphAlertsV1.read(r, out);
        } else {
            evidence = alertV2(r, out);
        }
        finish(evidence, out);
        out.raw =
                alert == r
                        ? null
                        : JsonFields.flatten(alert); // null: the record's (EventNormalizer)
    }

    /** Graph security {@code alerts_v2}. */
    private static DefenderEvidence alertV2(JsonNode r, SecurityEvent out)
            throws NormalizationException {
        out.eventUid = JsonFields.field(r, "id");
        out.eventTime = JsonFields.isoTime(r, "createdDateTime");
        out.activity = JsonFields.field(r, "title");
        out.message = JsonFields.field(r, "description");
        out.severity = severity(JsonFields.field(r, "severity"));
        out.mitreTactic = tactic(JsonFields.field(r, "category"));
        out.mitreTechnique = r.path("mitreTechniques").path(0).asText(null);
        out.threatName = JsonFields.field(r, "threatDisplayName");
        DefenderEvidence evidence = DefenderEvidence.read(r, out);
        classify(r, evidence, out);
        return evidence;
    }

    /** The person (a service account alone is nobody to coach) and the verdict, for every shape. */
    private static void finish(DefenderEvidence evidence, SecurityEvent out)
            throws NormalizationException {
        if (evidence.person == null && evidence.serviceAccount != null) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT,
                    "the alert names only the service account "
                            + evidence.serviceAccount
                            + ": nobody to coach");
        }
        ActorIdentity.assign(evidence.person, out);
        out.actorDisplayName = JsonFields.firstNonNull(out.actorDisplayName, evidence.displayName);
        out.action = action(evidence);
        out.outcome = "unknown";
    }

    private static void classify(JsonNode r, DefenderEvidence evidence, SecurityEvent out) {
        classify(
                r.path("serviceSource").asText("") + " " + r.path("detectionSource").asText(""),
                evidence.deliveryAction != null,
                out);
    }

    /**
     * The class from the alert's sources (service and detection source, or a v1 provider, in one
     * text: one lower-cased copy, one search each) and whether it concerns a message.
     */
    static void classify(String sourceNames, boolean message, SecurityEvent out) {
        String sources = sourceNames.toLowerCase(Locale.ROOT).replace(" ", "");
        String cls;
        if (sources.contains("office365") || message) {
            cls = "email";
        } else if (sources.contains("identityprotection")
                || sources.contains("foridentity")
                || sources.equals("ipc")
                || sources.contains("advancedthreatprotection")) {
            cls = "auth";
        } else if (sources.contains("datalossprevention")) {
            cls = "dlp";
        } else if (sources.contains("cloudapp")
                || sources.contains("appgovernance")
                || sources.equals("mcas")) {
            cls = "web";
        } else {
            cls = "endpoint";
        }
        out.eventClass = cls;
        out.category = "email".equals(cls) ? "email" : "findings";
        out.classUid = "dlp".equals(cls) ? 2006 : 2004; // OCSF Data Security / Detection Finding
    }

    /**
     * Blocked when the evidence was prevented or blocked, or the message was blocked or replaced;
     * allowed when the message was delivered (to the inbox or junk); else unknown.
     */
    private static String action(DefenderEvidence evidence) {
        String delivery = evidence.deliveryAction == null ? "" : evidence.deliveryAction;
        if (evidence.prevented
                || delivery.equalsIgnoreCase("blocked")
                || delivery.equalsIgnoreCase("replaced")) {
            return "blocked";
        }
        boolean delivered = delivery.regionMatches(true, 0, "delivered", 0, "delivered".length());
        return delivered || delivery.equalsIgnoreCase("junked") ? "allowed" : "unknown";
    }

    static String severity(String severity) {
        if (severity == null || "unknown".equalsIgnoreCase(severity)) {
            return "medium";
        }
        return "informational".equalsIgnoreCase(severity)
                ? "info"
                : severity.toLowerCase(Locale.ROOT);
    }

    /**
     * Graph's "CredentialAccess" as ATT&CK names it: "Credential Access"; other categories
     * ("Malware") are none.
     */
    static String tactic(String category) {
        return category == null ? null : TACTICS.get(category);
    }
}
