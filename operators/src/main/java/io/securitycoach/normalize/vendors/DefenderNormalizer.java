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
        return r.has("createdDateTime") && (r.has("evidence") || r.has("serviceSource"));
    }

    @Override
    public String recordType(JsonNode r) {
        return "alert:"
                + r.path("serviceSource").asText(r.path("detectionSource").asText("unknown"));
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Microsoft Defender";
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
        out.raw = JsonFields.flatten(r);
    }

    private static void classify(JsonNode r, DefenderEvidence evidence, SecurityEvent out) {
        // both sources in one lower-cased text (a space apart, which no name below holds): one
        // copy, one search each
        String sources =
                (r.path("serviceSource").asText("") + " " + r.path("detectionSource").asText(""))
                        .toLowerCase(Locale.ROOT);
        String cls;
        if (sources.contains("office365") || evidence.deliveryAction != null) {
            cls = "email";
        } else if (sources.contains("identityprotection") || sources.contains("foridentity")) {
            cls = "auth";
        } else if (sources.contains("datalossprevention")) {
            cls = "dlp";
        } else if (sources.contains("cloudapp") || sources.contains("appgovernance")) {
            cls = "web";
        } else {
            cls = "endpoint";
        }
        out.eventClass = cls;
        out.category = "email".equals(cls) ? "email" : "findings";
        out.classUid = "dlp".equals(cls) ? 2006 : 2004; // OCSF Data Security / Detection Finding
    }

    /** Blocked when the evidence was prevented or remediated, or the message was not delivered. */
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

    private static String severity(String severity) {
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
