package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.EpochTimes;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;

/**
 * Netskope REST API v2 (and data export) records, one per line or a {@code {"result": [...]}} page:
 * alerts (DLP, malware, malsite, policy, UBA, compromised credentials), DLP incidents, admin audit
 * events, and application/page events. Numbers may arrive as strings. {@code site} is an app name,
 * so the URL host comes from {@code url} only.
 */
public final class NetskopeNormalizer implements VendorNormalizer {
    @Override
    public String vendor() {
        return "netskope";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("timestamp")
                && (r.has("alert_type")
                        || r.has("audit_log_event")
                        || r.has("dlp_incident_id")
                        || r.has("type")
                                && (r.has("ucg") || r.has("userkey") || r.has("access_method")));
    }

    @Override
    public String recordType(JsonNode r) {
        String alert = JsonFields.field(r, "alert_type");
        if (alert != null) {
            return "alert:" + alert;
        }
        if (r.has("audit_log_event")) {
            return "audit";
        }
        return JsonFields.nonZero(r, "dlp_incident_id") != null
                ? "dlp_incident"
                : "event:" + r.path("type").asText("?");
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Netskope";
        out.eventUid =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "_id"), JsonFields.nonZero(r, "dlp_incident_id"));
        out.eventTime = time(r);
        ActorIdentity.assign(firstOf(r, "user", "userkey", "ur_normalized"), out);
        out.actorIp = JsonFields.field(r, "srcip");
        out.actorHost = JsonFields.field(r, "hostname");
        out.severity = NetskopeLevels.severity(r);
        if (r.has("audit_log_event")) {
            audit(r, out);
        } else {
            String alertType = JsonFields.field(r, "alert_type");
            String kind =
                    alertType == null ? "" : alertType.toLowerCase(Locale.ROOT).replace(" ", "");
            if (kind.startsWith("compromisedcredential")) {
                compromisedCredential(r, out);
            } else {
                // dlp_incident_id is 0 on page, web, malware and policy records: not DLP
                activity(
                        r,
                        out,
                        kind.equals("dlp") || JsonFields.nonZero(r, "dlp_incident_id") != null);
            }
        }
        // raw: the record's fields, filled by EventNormalizer
    }

    private static long time(JsonNode r) throws NormalizationException {
        JsonNode ts = r.path("timestamp");
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return NssTimes.epochMillis(ts.longValue(), "timestamp"); // the usual form, no text
        }
        if (ts.isMissingNode() || ts.isNull() || ts.asText().isEmpty()) {
            throw new NormalizationException(Reasons.MISSING_TIME, "no timestamp");
        }
        if (!ts.isNumber() && !ts.isTextual()) {
            throw new NormalizationException(
                    Reasons.INVALID_TIME, "timestamp is not epoch seconds");
        }
        if (ts.isFloatingPointNumber()) {
            return EpochTimes.secondsToMillis(ts, "timestamp"); // fraction dropped, range checked
        }
        // asText, not asLong: a number past a long must not wrap into a plausible date
        return NssTimes.epochMillis(ts.asText().trim(), "timestamp");
    }

    /** App, page and web activity, and DLP alerts and incidents on it. */
    private static void activity(JsonNode r, SecurityEvent out, boolean dlp) {
        out.category = dlp ? "findings" : "network";
        out.eventClass = dlp ? "dlp" : "web";
        out.classUid = dlp ? 2006 : 6002; // OCSF Data Security Finding / Application Activity
        String activity = JsonFields.field(r, "activity");
        out.activity =
                activity != null
                        ? activity.toLowerCase(Locale.ROOT)
                        : JsonFields.firstNonNull(
                                JsonFields.field(r, "alert_type"), JsonFields.field(r, "type"));
        out.message = firstOf(r, "alert_name", "policy", "dlp_rule");
        out.app =
                JsonFields.firstNonNull(JsonFields.field(r, "app"), JsonFields.field(r, "appname"));
        out.url = JsonFields.field(r, "url");
        out.urlHost = JsonFields.host(out.url);
        out.urlCategory =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "appcategory"), JsonFields.field(r, "category"));
        out.dlpProfile = JsonFields.field(r, "dlp_profile");
        out.fileName = firstOf(r, "dlp_file", "file_name", "object");
        out.fileType = JsonFields.field(r, "file_type");
        out.fileHash = firstOf(r, "sha256", "local_sha256", "md5");
        out.threatName =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "malware_name"), JsonFields.field(r, "threat_name"));
        out.action = NetskopeLevels.action(JsonFields.field(r, "action"));
        out.outcome =
                "blocked".equals(out.action)
                        ? "failure"
                        : "allowed".equals(out.action) ? "success" : "unknown";
    }

    /** Netskope's admin console: sign-ins are auth, everything else an admin action. */
    private static void audit(JsonNode r, SecurityEvent out) {
        String event = JsonFields.field(r, "audit_log_event");
        String e = event == null ? "" : event.toLowerCase(Locale.ROOT);
        boolean signIn =
                e.contains("login")
                        || e.contains("logout")
                        || e.contains("logged in")
                        || e.contains("logged out")
                        || e.contains("sign in")
                        || e.contains("sign out");
        out.category = "iam";
        out.eventClass = signIn ? "auth" : "admin";
        out.classUid = signIn ? 3002 : 3004;
        out.activity = event;
        out.message = event;
        out.action = "unknown";
        out.outcome = e.contains("fail") ? "failure" : "success";
    }

    /** A breach exposed the person's credentials: their account is at risk. */
    private static void compromisedCredential(JsonNode r, SecurityEvent out) {
        if (out.actorEmail == null && out.actorUserName == null) {
            ActorIdentity.assign(JsonFields.field(r, "matched_username"), out);
        }
        out.category = "iam";
        out.eventClass = "account";
        out.classUid = 3001; // OCSF Account Change
        out.activity = "compromised_credential";
        out.message = firstOf(r, "breach_description", "alert_name", "breach_id");
        out.app = JsonFields.field(r, "email_source");
        out.action = "unknown";
        out.outcome = "unknown";
        if (JsonFields.field(r, "severity") == null) {
            out.severity = "high"; // a leaked password matters even when the feed sends no level
        }
    }

    private static String firstOf(JsonNode r, String a, String b, String c) {
        String value = JsonFields.firstNonNull(JsonFields.field(r, a), JsonFields.field(r, b));
        return value != null ? value : JsonFields.field(r, c);
    }
}
