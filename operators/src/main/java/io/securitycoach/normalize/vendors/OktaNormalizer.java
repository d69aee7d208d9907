package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;
import java.util.Set;

/**
 * Okta System Log API {@code LogEvent} (one per line, or the API's array): sign-ins, MFA, policy
 * evaluations, account lock and password changes, admin actions. The actor is the person coached,
 * except when the actor is Okta itself or an app ({@code system@okta.com}, {@code SystemPrincipal},
 * an identity provider, an OAuth client): then the person is the user in {@code target[]}.
 */
public final class OktaNormalizer implements VendorNormalizer {
    private static final Set<String> NON_PERSON_ACTORS =
            Set.of(
                    "systemprincipal",
                    "publicclientapp",
                    "appinstance",
                    "identityprovider",
                    "client",
                    "app",
                    "serviceprincipal",
                    "okta");

    @Override
    public String vendor() {
        return "okta";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("eventType") && r.has("published") && r.has("actor");
    }

    @Override
    public String recordType(JsonNode r) {
        String type = r.path("eventType").asText("");
        int first = type.indexOf('.');
        int second = first < 0 ? -1 : type.indexOf('.', first + 1);
        return second < 0 ? type : type.substring(0, second);
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Okta System Log";
        out.eventUid = JsonFields.field(r, "uuid");
        out.eventTime = JsonFields.isoTime(r, "published");
        String eventType = JsonFields.field(r, "eventType");
        if (eventType == null) {
            throw new NormalizationException(Reasons.WRONG_TYPE, "eventType is empty");
        }
        out.activity = eventType;
        out.message = JsonFields.field(r, "displayMessage");
        out.category = "iam";
        classify(eventType, out);
        outcome(JsonFields.text(r, "outcome.result"), out);
        out.severity = severity(JsonFields.field(r, "severity"));
        JsonNode actor = r.get("actor");
        if (actor == null || !actor.isObject()) {
            throw new NormalizationException(Reasons.WRONG_TYPE, "actor is not an object");
        }
        JsonNode person = isPerson(actor) ? actor : targetUser(r);
        if (person.isMissingNode()) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT,
                    eventType
                            + " by "
                            + actor.path("type").asText("Okta")
                            + " concerns no user: platform activity");
        }
        ActorIdentity.assign(JsonFields.field(person, "alternateId"), out);
        out.actorDisplayName = JsonFields.field(person, "displayName");
        out.actorIp = JsonFields.text(r, "client.ipAddress");
        out.app = targetApp(r); // the app signed in to; the browser stays in raw
        // raw: the record's fields, filled by EventNormalizer
    }

    /** Okta itself, an app, an IdP or an OAuth client acting is not a person acting. */
    static boolean isPerson(JsonNode actor) {
        String type = actor.path("type").asText("").toLowerCase(Locale.ROOT);
        String id = actor.path("alternateId").asText("").toLowerCase(Locale.ROOT);
        return !NON_PERSON_ACTORS.contains(type)
                && !id.equals("system@okta.com")
                && !id.equals("unknown");
    }

    /**
     * The first {@code User} in {@code target[]}, else a missing node (no identity: a dead letter).
     */
    private static JsonNode targetUser(JsonNode r) {
        for (JsonNode target : r.path("target")) {
            if ("user".equalsIgnoreCase(target.path("type").asText(""))) {
                return target;
            }
        }
        return r.path("target").path("missing");
    }

    /** The display name of the {@code AppInstance} in {@code target[]} (an SSO's app), or null. */
    private static String targetApp(JsonNode r) {
        for (JsonNode target : r.path("target")) {
            if ("appinstance".equalsIgnoreCase(target.path("type").asText(""))) {
                return JsonFields.firstNonNull(
                        JsonFields.field(target, "displayName"),
                        JsonFields.field(target, "alternateId"));
            }
        }
        return null;
    }

    private static void outcome(String result, SecurityEvent out) {
        String upper = result == null ? "UNKNOWN" : result.toUpperCase(Locale.ROOT);
        boolean success = upper.equals("SUCCESS") || upper.equals("ALLOW");
        boolean denied = upper.equals("DENY");
        out.outcome =
                success ? "success" : denied || upper.equals("FAILURE") ? "failure" : "unknown";
        out.action = success ? "allowed" : denied ? "blocked" : "unknown";
    }

    private static void classify(String eventType, SecurityEvent out) {
        if (eventType.startsWith("user.mfa.factor.")) {
            out.eventClass = "account"; // enrolling or resetting a factor changes the account
            out.classUid = 3001;
        } else if (eventType.startsWith("user.session.")
                || eventType.startsWith("user.authentication.")
                || eventType.startsWith("user.mfa.")
                || eventType.startsWith("system.push.")
                || eventType.startsWith("policy.evaluate_sign_on")
                || eventType.startsWith("app.oauth2.")
                || eventType.startsWith("security.threat.")
                || eventType.startsWith("app.generic.unauth_app_access")) {
            out.eventClass = "auth";
            out.classUid = 3002; // OCSF Authentication
        } else if (eventType.startsWith("user.account.")
                || eventType.startsWith("user.lifecycle.")
                || eventType.startsWith("user.credential.")
                || eventType.startsWith("user.factor.")) {
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
            case "WARN":
                return "medium";
            case "ERROR":
                return "high";
            default:
                return "info";
        }
    }
}
