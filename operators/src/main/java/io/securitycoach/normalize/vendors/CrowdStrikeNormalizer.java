package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;

import java.util.Locale;

/**
 * CrowdStrike Falcon streaming API events ({@code {"metadata": {...}, "event": {...}}}):
 * DetectionSummaryEvent (an EDR detection with user, host, process, hash, tactic and technique),
 * AuthActivityAuditEvent and UserActivityAuditEvent (console sign-ins and actions).
 */
public final class CrowdStrikeNormalizer implements VendorNormalizer {
    @Override
    public String vendor() {
        return "crowdstrike";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.path("metadata").has("eventType") && r.path("event").isObject();
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        JsonNode e = r.get("event");
        String type = JsonFields.text(r, "metadata.eventType");
        out.product = "CrowdStrike Falcon";
        JsonNode created = r.path("metadata").path("eventCreationTime");
        if (!created.canConvertToLong() || !created.isNumber()) {
            throw new NormalizationException(created.isMissingNode() ? Reasons.MISSING_TIME : Reasons.INVALID_TIME,
                    "metadata.eventCreationTime is not epoch milliseconds");
        }
        out.eventTime = created.asLong();
        if ("DetectionSummaryEvent".equals(type)) {
            detection(e, out);
        } else if ("AuthActivityAuditEvent".equals(type) || "UserActivityAuditEvent".equals(type)) {
            audit(e, out, type);
        } else {
            throw new NormalizationException(Reasons.WRONG_TYPE, "unsupported Falcon event type '" + type + "'");
        }
        if (out.eventUid == null) {
            String offset = JsonFields.text(r, "metadata.offset");
            out.eventUid = offset == null ? null : "falcon-offset-" + offset;
        }
        out.raw = JsonFields.flatten(r);
    }

    private static void detection(JsonNode e, SecurityEvent out) {
        out.category = "findings";
        out.eventClass = "endpoint";
        out.classUid = 2004; // OCSF Detection Finding
        out.eventUid = JsonFields.text(e, "DetectId");
        out.activity = JsonFields.text(e, "DetectName");
        out.message = JsonFields.text(e, "DetectDescription");
        out.severity = severity(JsonFields.text(e, "SeverityName"));
        out.mitreTactic = JsonFields.text(e, "Tactic");
        out.mitreTechnique = JsonFields.text(e, "Technique");
        out.processName = JsonFields.text(e, "FileName");
        out.commandLine = JsonFields.text(e, "CommandLine");
        out.fileName = JsonFields.text(e, "FileName");
        out.fileHash = JsonFields.text(e, "SHA256String");
        out.actorHost = JsonFields.text(e, "ComputerName");
        out.actorIp = JsonFields.text(e, "LocalIP");
        String user = JsonFields.text(e, "UserName");
        String domain = JsonFields.text(e, "MachineDomain");
        ActorIdentity.assign(user != null && domain != null && user.indexOf('\\') < 0 && user.indexOf('@') < 0
                ? domain + "\\" + user : user, out);
        String disposition = JsonFields.text(e, "PatternDispositionDescription");
        out.action = disposition != null && prevented(disposition.toLowerCase(Locale.ROOT)) ? "blocked" : "allowed";
        out.outcome = "unknown";
    }

    private static void audit(JsonNode e, SecurityEvent out, String type) {
        boolean auth = "AuthActivityAuditEvent".equals(type);
        out.category = "iam";
        out.eventClass = auth ? "auth" : "admin";
        out.classUid = auth ? 3002 : 3004;
        out.activity = JsonFields.text(e, "OperationName");
        out.message = JsonFields.text(e, "ServiceName");
        ActorIdentity.assign(JsonFields.text(e, "UserId"), out);
        out.actorIp = JsonFields.text(e, "UserIp");
        JsonNode success = e.path("Success");
        out.outcome = success.isBoolean() ? (success.asBoolean() ? "success" : "failure") : "unknown";
        out.action = "unknown";
        out.severity = "info";
    }

    /** Falcon's disposition says it stopped the activity (String.matches would compile a regex per event). */
    private static boolean prevented(String disposition) {
        return disposition.contains("block") || disposition.contains("kill") || disposition.contains("quarantin")
                || disposition.contains("prevent");
    }

    private static String severity(String name) {
        if (name == null) return "medium";
        switch (name.toLowerCase(Locale.ROOT)) {
            case "critical": return "critical";
            case "high": return "high";
            case "medium": return "medium";
            case "low": return "low";
            default: return "info";
        }
    }
}
