package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.EpochTimes;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;

/**
 * Zscaler Internet Access web logs from an NSS or Cloud NSS feed in JSON. The feed is a template
 * the customer writes, so the same meaning arrives under several names: Zscaler's JSON/Splunk
 * template ({@code datetime}, {@code user}, {@code url}, {@code urlcategory}, {@code ClientIP}),
 * the NSS field names ({@code time}, {@code login}, {@code eurl}, {@code urlcat}, {@code cip}) and
 * Cloud NSS HTTP ({@code epochtime}, {@code b64url}, {@code host}, {@code cltip}, {@code
 * urlsubcat}); bare or in the {@code {"sourcetype": "zscalernss-web", "event": {...}}} envelope.
 * Local times are in the record's {@code tz}, else the feed's zone (GMT unless configured).
 */
public final class ZscalerWebNormalizer implements VendorNormalizer {
    private static final String[] USER = {"login", "user", "elogin", "ologin"};
    private static final String[] URL = {"url", "eurl"};
    private static final String[] CATEGORY = {
        "urlcategory", "urlcat", "urlsubcat", "urlsubcategory"
    };
    private static final String[] CLIENT_IP = {"ClientIP", "cip", "cltip", "cltintip", "clientip"};
    private static final String[] METHOD = {"requestmethod", "reqmethod"};
    private static final String[] TIME_TEXT = {"datetime", "time"};

    private final ZoneId feedZone;

    public ZscalerWebNormalizer() {
        this(ZoneOffset.UTC);
    }

    /** For a feed whose template writes local times without a {@code tz} field. */
    public ZscalerWebNormalizer(ZoneId feedZone) {
        this.feedZone = feedZone;
    }

    @Override
    public String vendor() {
        return "zscaler";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        if (r.path("sourcetype").asText("").startsWith("zscalernss-web")) {
            return true;
        }
        JsonNode e = body(r);
        return any(e, CATEGORY) && (e.has("epochtime") || any(e, TIME_TEXT));
    }

    @Override
    public String recordType(JsonNode r) {
        JsonNode e = body(r);
        if (e.has("b64url") || r.has("version")) {
            return "cloud-nss-http";
        }
        return e.has("urlcategory") ? "nss-json-template" : "nss-field-names";
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        JsonNode e = body(r);
        out.product = "Zscaler Internet Access";
        out.category = "network";
        out.eventClass = "web";
        out.classUid = 4002; // OCSF HTTP Activity, with the security-control profile
        out.eventUid =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "recordid"), JsonFields.field(e, "event_id"));
        out.eventTime = time(e);
        out.activity = first(e, METHOD);
        out.action = action(JsonFields.field(e, "action"));
        out.outcome =
                "blocked".equals(out.action)
                        ? "failure"
                        : "allowed".equals(out.action) ? "success" : "unknown";
        out.message = JsonFields.field(e, "reason");
        ActorIdentity.assign(first(e, USER), out);
        out.actorHost = JsonFields.field(e, "devicehostname");
        out.actorIp = first(e, CLIENT_IP);
        out.url = url(e);
        out.urlHost = JsonFields.firstNonNull(host(e), JsonFields.host(out.url));
        out.urlCategory = first(e, CATEGORY);
        out.threatName = JsonFields.field(e, "threatname");
        out.fileType = JsonFields.field(e, "filetype");
        out.fileName =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "filename"), JsonFields.field(e, "upload_filename"));
        out.fileHash =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "sha256"), JsonFields.field(e, "bamd5"));
        out.app = JsonFields.field(e, "appname");
        out.severity = severity(JsonFields.field(e, "threatseverity"), out);
        out.raw = e == r ? null : JsonFields.flatten(e); // null: the record's, by EventNormalizer
    }

    private static JsonNode body(JsonNode r) {
        JsonNode event = r.get("event");
        return event != null && event.isObject() ? event : r;
    }

    private long time(JsonNode e) throws NormalizationException {
        JsonNode epoch = e.get("epochtime");
        if (epoch != null && epoch.isFloatingPointNumber()) {
            return EpochTimes.secondsToMillis(
                    epoch, "epochtime"); // fraction dropped, range checked
        }
        if (epoch != null && !epoch.isNull() && !epoch.asText().isEmpty()) {
            return NssTimes.epochMillis(epoch.asText(), "epochtime");
        }
        for (String field : TIME_TEXT) {
            String text = JsonFields.text(e, field);
            if (text != null) {
                return NssTimes.parse(
                        text, NssTimes.zone(JsonFields.field(e, "tz"), feedZone), field);
            }
        }
        throw new NormalizationException(
                Reasons.MISSING_TIME, "none of epochtime, datetime, time present");
    }

    /**
     * The URL as written, or Cloud NSS's base64 {@code b64url} decoded (standard or URL-safe
     * alphabet).
     */
    private static String url(JsonNode e) throws NormalizationException {
        String url = first(e, URL);
        if (url != null) {
            return url;
        }
        String b64 = JsonFields.field(e, "b64url");
        if (b64 == null) {
            return null;
        }
        try {
            String trimmed = b64.trim();
            Base64.Decoder decoder =
                    trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                            ? Base64.getUrlDecoder()
                            : Base64.getDecoder();
            return new String(decoder.decode(trimmed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new NormalizationException(
                    Reasons.WRONG_TYPE, "b64url is not base64: " + ex.getMessage());
        }
    }

    /**
     * {@code host}/{@code ehost} name the server; {@code hostname} in the JSON template does too.
     */
    private static String host(JsonNode e) {
        String host =
                JsonFields.firstNonNull(JsonFields.field(e, "host"), JsonFields.field(e, "ehost"));
        host = JsonFields.firstNonNull(host, JsonFields.field(e, "hostname"));
        return host == null ? null : JsonFields.host(host);
    }

    static String action(String action) {
        if (action == null) {
            return "unknown";
        }
        String a = action.toLowerCase(Locale.ROOT);
        if (a.startsWith("block")
                || a.startsWith("deny")
                || a.startsWith("drop")
                || a.startsWith("quarantine")) {
            return "blocked";
        }
        return a.startsWith("allow") || a.startsWith("caution") || a.startsWith("isolate")
                ? "allowed"
                : "unknown";
    }

    /**
     * NSS's {@code threatseverity} ("Critical (90-100)") when written; else from the threat and the
     * action.
     */
    private static String severity(String threatSeverity, SecurityEvent out) {
        if (threatSeverity != null) {
            String s = threatSeverity.toLowerCase(Locale.ROOT);
            for (String level : new String[] {"critical", "high", "medium", "low"}) {
                if (s.startsWith(level)) {
                    return level;
                }
            }
        }
        return out.threatName != null ? "high" : "blocked".equals(out.action) ? "medium" : "info";
    }

    private static String first(JsonNode e, String[] names) {
        for (String name : names) {
            String value = JsonFields.text(e, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean any(JsonNode e, String[] names) {
        for (String name : names) {
            if (e.has(name)) {
                return true;
            }
        }
        return false;
    }
}
