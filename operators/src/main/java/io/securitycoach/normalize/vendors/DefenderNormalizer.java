package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;

import java.util.Locale;

/**
 * Microsoft Defender alerts as Microsoft Graph security {@code alerts_v2} returns them, with their
 * evidence: the user (userEvidence: UPN, else DOMAIN\\account), the device and the process.
 */
public final class DefenderNormalizer implements VendorNormalizer {
    /** Compiled once: String.replaceAll would compile it for every event. */
    private static final java.util.regex.Pattern CAMEL_CASE_BOUNDARY = java.util.regex.Pattern.compile("([a-z])([A-Z])");

    @Override
    public String vendor() {
        return "defender";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("createdDateTime") && (r.has("evidence") || r.has("serviceSource"));
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Microsoft Defender";
        out.category = "findings";
        out.eventClass = "endpoint";
        out.classUid = 2004; // OCSF Detection Finding
        out.eventUid = JsonFields.text(r, "id");
        out.eventTime = JsonFields.isoTime(r, "createdDateTime");
        out.activity = JsonFields.text(r, "title");
        out.message = JsonFields.text(r, "description");
        String severity = JsonFields.text(r, "severity");
        out.severity = severity == null || "informational".equalsIgnoreCase(severity) ? "info" : severity.toLowerCase(Locale.ROOT);
        out.mitreTactic = tactic(JsonFields.text(r, "category"));
        out.mitreTechnique = r.path("mitreTechniques").path(0).asText(null);
        out.action = "unknown";
        out.outcome = "unknown";
        for (JsonNode ev : r.path("evidence")) {
            String type = ev.path("@odata.type").asText("");
            if (type.endsWith("userEvidence")) {
                JsonNode account = ev.path("userAccount");
                String upn = JsonFields.text(account, "userPrincipalName");
                String name = JsonFields.text(account, "accountName");
                String domain = JsonFields.text(account, "domainName");
                ActorIdentity.assign(upn != null ? upn : domain != null && name != null ? domain + "\\" + name : name, out);
                out.actorDisplayName = JsonFields.text(account, "displayName");
            } else if (type.endsWith("deviceEvidence")) {
                out.actorHost = JsonFields.text(ev, "deviceDnsName");
            } else if (type.endsWith("processEvidence") && out.processName == null) {
                out.commandLine = JsonFields.text(ev, "processCommandLine");
                out.processName = JsonFields.text(ev, "imageFile.fileName");
                out.fileName = out.processName;
                out.fileHash = JsonFields.text(ev, "imageFile.sha256");
            }
        }
        out.raw = JsonFields.flatten(r);
    }

    /** Graph's "CredentialAccess" as ATT&CK names it: "Credential Access". */
    static String tactic(String category) {
        return category == null ? null : CAMEL_CASE_BOUNDARY.matcher(category).replaceAll("$1 $2");
    }
}
