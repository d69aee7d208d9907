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
 * Okta System Log API {@code LogEvent}: sign-ins, MFA, account lock and password changes, admin actions.
 * The actor is the person coached; for events an admin performs on a user, the target user is kept in raw.
 */
public final class OktaNormalizer implements VendorNormalizer {
    @Override
    public String vendor() {
        return "okta";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("eventType") && r.has("published") && r.has("actor");
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Okta System Log";
        out.eventUid = JsonFields.text(r, "uuid");
        out.eventTime = JsonFields.isoTime(r, "published");
        String eventType = JsonFields.text(r, "eventType");
        if (eventType == null) {
            throw new NormalizationException(Reasons.WRONG_TYPE, "eventType is empty");
        }
        out.activity = eventType;
        out.message = JsonFields.text(r, "displayMessage");
        out.category = "iam";
        classify(eventType, out);

        String result = JsonFields.text(r, "outcome.result");
        String upper = result == null ? "UNKNOWN" : result.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "SUCCESS":
            case "ALLOW":
                out.outcome = "success";
                out.action = "allowed";
                break;
            case "DENY":
                out.outcome = "failure";
                out.action = "blocked";
                break;
            case "FAILURE":
                out.outcome = "failure";
                out.action = "unknown";
                break;
            default:
                out.outcome = "unknown";
                out.action = "unknown";
        }
        out.severity = severity(JsonFields.text(r, "severity"));
        JsonNode actor = r.get("actor");
        if (actor == null || !actor.isObject()) {
            throw new NormalizationException(Reasons.WRONG_TYPE, "actor is not an object");
        }
        ActorIdentity.assign(JsonFields.text(actor, "alternateId"), out);
        out.actorDisplayName = JsonFields.text(actor, "displayName");
        out.actorIp = JsonFields.text(r, "client.ipAddress");
        out.app = JsonFields.text(r, "client.userAgent.browser");
        out.raw = JsonFields.flatten(r);
    }

    private static void classify(String eventType, SecurityEvent out) {
        if (eventType.startsWith("user.session.") || eventType.startsWith("user.authentication.")
                || eventType.startsWith("user.mfa.") || eventType.startsWith("system.push.")) {
            out.eventClass = "auth";
            out.classUid = 3002; // OCSF Authentication
        } else if (eventType.startsWith("user.account.") || eventType.startsWith("user.lifecycle.")
                || eventType.startsWith("user.credential.")) {
            out.eventClass = "account";
            out.classUid = 3001; // OCSF Account Change
        } else {
            out.eventClass = "admin";
            out.classUid = 3004; // OCSF Entity Management
        }
    }

    private static String severity(String okta) {
        if (okta == null) return "info";
        switch (okta.toUpperCase(Locale.ROOT)) {
            case "WARN": return "medium";
            case "ERROR": return "high";
            default: return "info";
        }
    }
}
