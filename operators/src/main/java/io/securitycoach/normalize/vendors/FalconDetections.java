package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
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
        out.processName = JsonFields.text(e, "FileName");
        out.fileName = out.processName;
        out.commandLine = JsonFields.text(e, "CommandLine");
        out.fileHash =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "SHA256String"), JsonFields.text(e, "MD5String"));
        out.actorHost = first(e, "Hostname", "ComputerName", "MobileDeviceName");
        out.actorIp = first(e, "LocalIP", "LocalIPv4", "ExternalIP");
        String user =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "UserName"), JsonFields.text(e, "UserEmail"));
        String domain =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "LogonDomain"), JsonFields.text(e, "MachineDomain"));
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
                        JsonFields.text(e, "SourceAccountName"), JsonFields.text(e, "UserName"));
        String domain = JsonFields.text(e, "SourceAccountDomain");
        ActorIdentity.assign(upn != null ? upn : qualified(name, domain), out);
        out.actorHost = JsonFields.text(e, "SourceEndpointHostName");
        out.actorIp = JsonFields.text(e, "SourceEndpointIpAddress");
    }

    private static void common(JsonNode e, SecurityEvent out) {
        out.category = "findings";
        out.eventUid = first(e, "CompositeId", "DetectId", "MobileDetectionId");
        out.activity =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "Name"), JsonFields.text(e, "DetectName"));
        out.message =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "Description"), JsonFields.text(e, "DetectDescription"));
        out.severity = severity(e);
        out.mitreTactic = JsonFields.text(e, "Tactic");
        out.mitreTechnique =
                JsonFields.firstNonNull(
                        JsonFields.text(e, "TechniqueId"), JsonFields.text(e, "Technique"));
        out.action = FalconDisposition.action(e);
        out.outcome = "unknown";
    }

    /** SeverityName when given; else the number: 0-100 (Epp, IdP) or 1-5 (legacy). */
    static String severity(JsonNode e) {
        String name = JsonFields.text(e, "SeverityName");
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
