package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.EpochTimes;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Zscaler Internet Access web logs as an NSS feed writes them in JSON: either the bare record or the
 * {@code {"sourcetype": "zscalernss-web", "event": {...}}} envelope. Times are {@code epochtime}
 * (seconds) or {@code datetime} ({@code Mon Nov 20 08:15:00 2026}, UTC).
 */
public final class ZscalerWebNormalizer implements VendorNormalizer {
    /** Compiled once: String.matches and replaceAll would compile them for every event. */
    private static final java.util.regex.Pattern EPOCH_SECONDS = java.util.regex.Pattern.compile("\\d{1,12}");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static final DateTimeFormatter NSS_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    @Override
    public String vendor() {
        return "zscaler";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        JsonNode e = body(r);
        return e.has("urlcategory") && (e.has("epochtime") || e.has("datetime"));
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        JsonNode e = body(r);
        out.product = "Zscaler Internet Access";
        out.category = "network";
        out.eventClass = "web";
        out.classUid = 4002; // OCSF HTTP Activity, with the security-control profile
        out.eventUid = JsonFields.firstNonNull(JsonFields.text(e, "recordid"), JsonFields.text(e, "event_id"));
        out.eventTime = time(e);
        out.activity = JsonFields.text(e, "requestmethod");
        String action = JsonFields.text(e, "action");
        out.action = action == null ? "unknown" : action.toLowerCase(Locale.ROOT).startsWith("block") ? "blocked" : "allowed";
        out.outcome = "blocked".equals(out.action) ? "failure" : "success";
        out.message = JsonFields.text(e, "reason");
        ActorIdentity.assign(JsonFields.firstNonNull(JsonFields.text(e, "login"), JsonFields.text(e, "user")), out);
        out.actorHost = JsonFields.text(e, "devicehostname");
        out.actorIp = JsonFields.firstNonNull(JsonFields.text(e, "ClientIP"), JsonFields.text(e, "cip"));
        out.url = JsonFields.text(e, "url");
        out.urlHost = JsonFields.host(out.url);
        out.urlCategory = JsonFields.text(e, "urlcategory");
        out.threatName = JsonFields.text(e, "threatname");
        out.fileType = JsonFields.text(e, "filetype");
        out.fileName = JsonFields.text(e, "filename");
        out.fileHash = JsonFields.text(e, "bamd5");
        out.app = JsonFields.text(e, "appname");
        out.severity = out.threatName != null ? "high" : "blocked".equals(out.action) ? "medium" : "info";
        out.raw = JsonFields.flatten(e);
    }

    private static JsonNode body(JsonNode r) {
        JsonNode event = r.get("event");
        return event != null && event.isObject() ? event : r;
    }

    private static long time(JsonNode e) throws NormalizationException {
        JsonNode epoch = e.get("epochtime");
        if (epoch != null && !epoch.isNull()) {
            if (epoch.isNumber() || EPOCH_SECONDS.matcher(epoch.asText()).matches()) {
                return EpochTimes.secondsToMillis(epoch, "epochtime");
            }
            throw new NormalizationException(Reasons.INVALID_TIME, "epochtime is not a number: " + epoch.asText());
        }
        String datetime = JsonFields.text(e, "datetime");
        if (datetime == null) {
            throw new NormalizationException(Reasons.MISSING_TIME, "neither epochtime nor datetime present");
        }
        try {
            return LocalDateTime.parse(WHITESPACE.matcher(datetime.trim()).replaceAll(" "), NSS_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ex) {
            throw new NormalizationException(Reasons.INVALID_TIME, "datetime is not an NSS time: " + datetime);
        }
    }

}
