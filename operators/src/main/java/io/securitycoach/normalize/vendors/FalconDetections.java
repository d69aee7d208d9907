package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.MachineActors;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.ServiceAccounts;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;

/**
 * Falcon detection summaries to findings. {@code EppDetectionSummaryEvent} names things its own way
 * ({@code Name}, {@code Description}, {@code Hostname}, {@code LogonDomain}, {@code CompositeId}, a
 * 0-100 {@code Severity}); the legacy {@code DetectionSummaryEvent} uses {@code DetectName}, {@code
 * ComputerName}, {@code MachineDomain}, {@code DetectId} and a 1-5 severity.
 */
final class FalconDetections {
    private FalconDetections() {}

    static void endpoint(JsonNode e, SecurityEvent out, String type) throws NormalizationException {
        common(e, out);
        out.eventClass = "endpoint";
        out.classUid = 2004; // OCSF Detection Finding
        out.processName = JsonFields.field(e, "FileName");
        out.fileName = out.processName;
        out.commandLine = JsonFields.field(e, "CommandLine");
        out.fileHash =
                JsonFields.firstNonNull( // an all-zero hash is the field's filler, not a file
                        JsonFields.nonZero(e, "SHA256String"), JsonFields.nonZero(e, "MD5String"));
        out.actorHost = first(e, "Hostname", "ComputerName", "MobileDeviceName");
        out.actorIp = first(e, "LocalIP", "LocalIPv4", "ExternalIP");
        String user =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "UserName"), JsonFields.field(e, "UserEmail"));
        String domain =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "LogonDomain"), JsonFields.field(e, "MachineDomain"));
        if (ServiceAccounts.isServiceAccount(user, domain)) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT,
                    type
                            + " ran as the service account "
                            + qualified(user, domain)
                            + ": nobody to coach");
        }
        ActorIdentity.assign(qualified(user, domain), out);
        if ("MobileDetectionSummaryEvent".equals(type)) {
            out.message = JsonFields.firstNonNull(out.message, "Mobile detection");
        }
    }

    /** Identity protection: a risky sign-in or account use by the source account. */
    static void identity(JsonNode e, SecurityEvent out) {
        common(e, out);
        out.eventClass = "auth";
        out.classUid = 2004;
        String upn = first(e, "SourceAccountUpn", "SourceAccountUPN", "UserPrincipalName");
        String name =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "SourceAccountName"), JsonFields.field(e, "UserName"));
        String domain = JsonFields.field(e, "SourceAccountDomain");
        ActorIdentity.assign(upn != null ? upn : qualified(name, domain), out);
        out.actorHost = JsonFields.field(e, "SourceEndpointHostName");
        out.actorIp = JsonFields.field(e, "SourceEndpointIpAddress");
    }

    /**
     * {@code IdentityProtectionEvent}: an identity-based detection on the account in {@code
     * UserName} (an email or {@code DOMAIN\\user}), else {@code SourceAccountName} in {@code
     * SourceAccountDomain}; {@code EndpointName} is the device, or its address when it is one.
     */
    static void identityProtection(JsonNode e, SecurityEvent out) {
        common(e, out);
        out.eventClass = "auth";
        out.classUid = 2004;
        out.eventUid =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "IdentityProtectionIncidentId"), out.eventUid);
        out.activity =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "IncidentType"), JsonFields.field(e, "Category"));
        out.message =
                JsonFields.firstNonNull(JsonFields.field(e, "IncidentDescription"), out.message);
        String user = JsonFields.field(e, "UserName");
        ActorIdentity.assign(
                user != null
                        ? user
                        : qualified(
                                JsonFields.field(e, "SourceAccountName"),
                                JsonFields.field(e, "SourceAccountDomain")),
                out);
        String endpoint = JsonFields.field(e, "EndpointName");
        if (endpoint != null && MachineActors.isIpAddress(endpoint)) {
            out.actorIp = endpoint;
        } else {
            out.actorHost = endpoint;
        }
        out.actorIp = JsonFields.firstNonNull(out.actorIp, JsonFields.field(e, "EndpointIp"));
    }

    private static void common(JsonNode e, SecurityEvent out) {
        out.category = "findings";
        out.eventUid = first(e, "CompositeId", "DetectId", "MobileDetectionId");
        out.activity =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "Name"), JsonFields.field(e, "DetectName"));
        out.message =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "Description"),
                        JsonFields.field(e, "DetectDescription"));
        out.severity = severity(e);
        out.mitreTactic = JsonFields.field(e, "Tactic");
        out.mitreTechnique =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "TechniqueId"), JsonFields.field(e, "Technique"));
        out.action = FalconDisposition.action(e);
        out.outcome = "unknown";
    }

    /** SeverityName when given; else the number: 0-100 (Epp, IdP) or 1-5 (legacy). */
    static String severity(JsonNode e) {
        String name = JsonFields.field(e, "SeverityName");
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.equals("critical") || n.equals("high") || n.equals("medium") || n.equals("low")
                    ? n
                    : "info";
        }
        JsonNode number = e.path("Severity");
        if (!number.canConvertToInt() && !number.isTextual()) {
            return "medium";
        }
        int s = number.asInt(-1);
        if (s <= 5) {
            String[] legacy = {"info", "info", "low", "medium", "high", "critical"};
            return s < 0 ? "medium" : legacy[s];
        }
        return s >= 80
                ? "critical"
                : s >= 60 ? "high" : s >= 40 ? "medium" : s >= 20 ? "low" : "info";
    }

    private static String qualified(String user, String domain) {
        return user != null && domain != null && user.indexOf('\\') < 0 && user.indexOf('@') < 0
                ? domain + "\\" + user
                : user;
    }

    private static String first(JsonNode e, String a, String b, String c) {
        String value = JsonFields.firstNonNull(JsonFields.text(e, a), JsonFields.text(e, b));
        return value != null ? value : JsonFields.text(e, c);
    }
}
