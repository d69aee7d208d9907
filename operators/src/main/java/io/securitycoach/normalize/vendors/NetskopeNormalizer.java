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
 * Netskope REST API v2 alerts (DLP, malware, policy, UBA, ...) and events (application, page): one
 * record per line, time in {@code timestamp} (epoch seconds). DLP alerts become class {@code dlp};
 * everything else is cloud/web activity, class {@code web}.
 */
public final class NetskopeNormalizer implements VendorNormalizer {
    @Override
    public String vendor() {
        return "netskope";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.has("timestamp") && (r.has("alert_type") || (r.has("type") && (r.has("ucg") || r.has("userkey"))));
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "Netskope";
        out.eventUid = JsonFields.text(r, "_id");
        JsonNode ts = r.path("timestamp");
        if (!ts.isNumber()) {
            throw new NormalizationException(ts.isMissingNode() || ts.isNull() ? Reasons.MISSING_TIME : Reasons.INVALID_TIME,
                    "timestamp is not epoch seconds");
        }
        out.eventTime = EpochTimes.secondsToMillis(ts, "timestamp");
        String alertType = JsonFields.text(r, "alert_type");
        boolean dlp = alertType != null && alertType.equalsIgnoreCase("DLP");
        out.category = dlp ? "findings" : "network";
        out.eventClass = dlp ? "dlp" : "web";
        out.classUid = dlp ? 2006 : 6002; // OCSF Data Security Finding / Application Activity
        String activity = JsonFields.text(r, "activity");
        out.activity = activity == null ? JsonFields.text(r, "type") : activity.toLowerCase(Locale.ROOT);
        out.message = JsonFields.firstNonNull(JsonFields.text(r, "alert_name"), JsonFields.text(r, "policy"));
        ActorIdentity.assign(JsonFields.firstNonNull(JsonFields.text(r, "user"), JsonFields.text(r, "userkey")), out);
        out.actorIp = JsonFields.text(r, "srcip");
        out.actorHost = JsonFields.text(r, "hostname");
        out.app = JsonFields.text(r, "app");
        out.url = JsonFields.text(r, "url");
        out.urlHost = JsonFields.firstNonNull(JsonFields.text(r, "site"), JsonFields.host(out.url));
        out.urlCategory = JsonFields.text(r, "appcategory");
        out.dlpProfile = JsonFields.text(r, "dlp_profile");
        out.fileName = JsonFields.firstNonNull(JsonFields.text(r, "dlp_file"), JsonFields.text(r, "file_name"));
        out.fileType = JsonFields.text(r, "file_type");
        out.fileHash = JsonFields.firstNonNull(JsonFields.text(r, "sha256"), JsonFields.text(r, "md5"));
        out.threatName = JsonFields.text(r, "malware_name");
        String action = JsonFields.text(r, "action");
        out.action = action == null ? "unknown" : action.toLowerCase(Locale.ROOT).startsWith("block") ? "blocked" : "allowed";
        out.outcome = "blocked".equals(out.action) ? "failure" : "success";
        String severity = JsonFields.text(r, "severity");
        out.severity = severity == null ? (alertType != null ? "medium" : "info") : severity.toLowerCase(Locale.ROOT);
        out.raw = JsonFields.flatten(r);
    }

}
