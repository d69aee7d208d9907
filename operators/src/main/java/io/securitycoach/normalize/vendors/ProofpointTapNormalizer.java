package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proofpoint TAP SIEM API records: bare, as the API's arrays hold them (a click has {@code
 * clickTime}, a message {@code messageTime}), with the array's name in {@code feed} (a poller's
 * form, or set when a whole {@code /v2/siem/all} response is split), or a connector's {@code
 * type}/{@code status}. Whether a bare click was permitted or blocked is not in the record: its
 * action is {@code unknown} and its activity {@code click}; a bare message is blocked when it names
 * a quarantine folder. A message is one event per recipient, so each person is coached.
 */
public final class ProofpointTapNormalizer implements VendorNormalizer {
    private static final String CLICK = "click";
    private static final String MESSAGE = "message";
    private static final String[] VERDICTS = {"permitted", "blocked", "delivered"};
    private static final String FALSE_POSITIVE = "falsePositive";

    /** Where pollers and connectors name the array a record came from, most specific first. */
    private static final String[] CONNECTOR_FIELDS = {"feed", "type", "eventType", "status"};

    @Override
    public String vendor() {
        return "proofpoint";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        String feed = r.path("feed").asText("");
        if (feed.startsWith("clicks") || feed.startsWith("messages")) {
            return true;
        }
        return r.has("clickTime") && (r.has("url") || r.has("clickIP"))
                || r.has("messageTime")
                        && (r.has("threatsInfoMap") || r.has("GUID") || r.has("QID"));
    }

    @Override
    public String recordType(JsonNode r) {
        String feed = JsonFields.field(r, "feed");
        if (feed != null) {
            return feed;
        }
        String kind = kind(r);
        String verdict = verdict(r, kind);
        return kind + (verdict == null ? " (bare: verdict unknown)" : " " + verdict);
    }

    @Override
    public int eventCount(JsonNode r) {
        return MESSAGE.equals(kind(r)) ? Math.max(1, recipients(r).size()) : 1;
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        normalize(r, 0, out);
    }

    @Override
    public void normalize(JsonNode r, int index, SecurityEvent out) throws NormalizationException {
        out.product = "Proofpoint TAP";
        out.category = "email";
        out.eventClass = "email";
        String kind = kind(r);
        String verdict = verdict(r, kind);
        if (CLICK.equals(kind)) {
            click(r, out, verdict);
        } else {
            message(r, index, out, verdict);
        }
        // raw: the record's fields, filled by EventNormalizer and shared by its recipients' events
    }

    /**
     * click or message: from {@code feed}, a connector's {@code type} ({@code CLICKS_PERMITTED},
     * {@code messages delivered}) or {@code eventType} ({@code clickBlocked}), else the record's
     * own fields.
     */
    private static String kind(JsonNode r) {
        for (String name : CONNECTOR_FIELDS) {
            String named = JsonFields.field(r, name);
            if (named != null) {
                if (named.regionMatches(true, 0, CLICK, 0, CLICK.length())) return CLICK;
                if (named.regionMatches(true, 0, MESSAGE, 0, MESSAGE.length())) return MESSAGE;
            }
        }
        return r.has("clickTime") ? CLICK : MESSAGE;
    }

    /**
     * permitted / blocked / delivered where the record tells it (the array's name in {@code feed},
     * a connector's {@code type}, {@code eventType} or {@code status}, a message's quarantine
     * folder), else null. A null or empty {@code quarantineFolder} says nothing: records from the
     * messagesBlocked array can carry it null too.
     */
    private static String verdict(JsonNode r, String kind) {
        for (String name : CONNECTOR_FIELDS) {
            String named = JsonFields.field(r, name);
            if (named == null) {
                continue;
            }
            for (String verdict : VERDICTS) {
                if (containsIgnoringCase(named, verdict)) {
                    return verdict;
                }
            }
        }
        if (MESSAGE.equals(kind) && JsonFields.field(r, "quarantineFolder") != null) {
            return "blocked"; // documented only on messagesBlocked records
        }
        return null;
    }

    /** Without a lower-cased copy per event. */
    private static boolean containsIgnoringCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static void click(JsonNode r, SecurityEvent out, String verdict)
            throws NormalizationException {
        out.classUid = 4002; // the click is web activity on behalf of an email
        boolean permitted = "permitted".equals(verdict);
        boolean blocked = "blocked".equals(verdict);
        out.activity = permitted ? "click_permitted" : blocked ? "click_blocked" : "click";
        out.action = permitted ? "allowed" : blocked ? "blocked" : "unknown";
        out.outcome = permitted ? "success" : blocked ? "failure" : "unknown";
        out.eventUid =
                JsonFields.firstNonNull(JsonFields.field(r, "id"), JsonFields.field(r, "GUID"));
        out.eventTime = JsonFields.isoTime(r, "clickTime");
        if (FALSE_POSITIVE.equalsIgnoreCase(JsonFields.field(r, "threatStatus"))) {
            throw new NormalizationException(
                    Reasons.FALSE_POSITIVE, "the clicked URL's threat is a false positive");
        }
        ActorIdentity.assign(JsonFields.field(r, "recipient"), out);
        out.actorIp = JsonFields.field(r, "clickIP");
        out.url = JsonFields.field(r, "url");
        out.urlHost = JsonFields.host(out.url);
        out.threatName = JsonFields.field(r, "classification");
        out.emailSender = sender(r);
        out.severity = blocked ? "medium" : "high";
        out.message =
                (permitted
                                ? "Clicked a link later found malicious"
                                : blocked
                                        ? "A click on a malicious link was blocked"
                                        : "Clicked a link found malicious")
                        + (out.threatName == null ? "" : " (" + out.threatName + ")");
    }

    private static void message(JsonNode r, int index, SecurityEvent out, String verdict)
            throws NormalizationException {
        out.classUid = 4009; // OCSF Email Activity
        boolean delivered = "delivered".equals(verdict);
        boolean blocked = "blocked".equals(verdict);
        out.activity = delivered ? "message_delivered" : blocked ? "message_blocked" : "message";
        out.action = delivered ? "allowed" : blocked ? "blocked" : "unknown";
        out.outcome = delivered ? "success" : blocked ? "failure" : "unknown";
        out.eventTime = JsonFields.isoTime(r, "messageTime");
        if (onlyFalsePositives(r.path("threatsInfoMap"))) {
            throw new NormalizationException(
                    Reasons.FALSE_POSITIVE, "every threat of the message is a false positive");
        }
        List<String> recipients = recipients(r);
        String recipient = index < recipients.size() ? recipients.get(index) : null;
        String guid =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "GUID"), JsonFields.field(r, "messageID"));
        out.eventUid =
                guid == null || recipients.size() < 2
                        ? guid
                        : guid + ":" + recipient.toLowerCase(Locale.ROOT);
        ActorIdentity.assign(recipient, out);
        out.emailSender = sender(r);
        out.emailSubject = JsonFields.field(r, "subject");
        threats(r, out);
        out.severity =
                out.threatName == null ? "info" : delivered ? "high" : blocked ? "low" : "medium";
        out.message =
                delivered
                        ? "A message with a threat was delivered"
                        : blocked
                                ? "A message was blocked"
                                : "A message with a threat was reported";
    }

    /**
     * The URL only from URL threats (an attachment's threat is its hash); the first threat that is
     * not a false positive names it.
     */
    private static void threats(JsonNode r, SecurityEvent out) {
        for (JsonNode threat : r.path("threatsInfoMap")) {
            if (FALSE_POSITIVE.equalsIgnoreCase(threat.path("threatStatus").asText(""))) {
                continue; // the vendor withdrew it: not what the message carries
            }
            String type = threat.path("threatType").asText("").toLowerCase(Locale.ROOT);
            String value = JsonFields.field(threat, "threat");
            if (out.threatName == null) {
                out.threatName = JsonFields.field(threat, "classification");
            }
            if ("url".equals(type) && out.url == null && looksLikeUrl(value)) {
                out.url = value; // a URL threat can be given as its hash: that stays in raw
                out.urlHost = JsonFields.host(value);
            } else if ("attachment".equals(type) && out.fileHash == null) {
                out.fileHash = value;
                out.fileName = attachmentName(r, value);
            }
        }
    }

    /** Threats, all of them with {@code threatStatus} falsePositive (active and cleared count). */
    private static boolean onlyFalsePositives(JsonNode threats) {
        if (threats.size() == 0) {
            return false;
        }
        for (JsonNode threat : threats) {
            if (!FALSE_POSITIVE.equalsIgnoreCase(threat.path("threatStatus").asText(""))) {
                return false;
            }
        }
        return true;
    }

    /** A URL or host, not a bare hex digest (a URL threat's value can be its SHA-256). */
    static boolean looksLikeUrl(String value) {
        if (value == null) {
            return false;
        }
        if (value.contains("://")) {
            return true;
        }
        boolean hex = value.length() >= 32;
        for (int i = 0; hex && i < value.length(); i++) {
            hex = Character.digit(value.charAt(i), 16) >= 0;
        }
        return !hex && value.indexOf('.') > 0 && value.indexOf(' ') < 0;
    }

    private static String attachmentName(JsonNode r, String sha256) {
        for (JsonNode part : r.path("messageParts")) {
            if (sha256 != null && sha256.equalsIgnoreCase(part.path("sha256").asText(""))) {
                return JsonFields.field(part, "filename");
            }
        }
        return null;
    }

    /** Envelope recipients (else the To and Cc headers), each once. */
    static List<String> recipients(JsonNode r) {
        List<String> out = new ArrayList<>(2);
        JsonNode recipient = r.path("recipient");
        if (recipient.isTextual()) {
            add(out, recipient.asText());
        }
        for (JsonNode each : recipient.isArray() ? recipient : r.path("toAddresses")) {
            add(out, each.asText(""));
        }
        if (out.isEmpty()) {
            for (JsonNode each : r.path("ccAddresses")) {
                add(out, each.asText(""));
            }
        }
        return out;
    }

    private static void add(List<String> into, String address) {
        String a = address.trim();
        for (String seen : into) {
            if (seen.equalsIgnoreCase(a)) {
                return;
            }
        }
        if (!a.isEmpty()) {
            into.add(a);
        }
    }

    /**
     * The sender's address: {@code fromAddress}, else the envelope {@code sender}, else the
     * header's address.
     */
    static String sender(JsonNode r) {
        JsonNode from = r.path("fromAddress");
        String address =
                from.isArray() ? from.path(0).asText(null) : JsonFields.field(r, "fromAddress");
        address = address == null || address.isBlank() ? null : address.trim();
        address = JsonFields.firstNonNull(address, JsonFields.field(r, "sender"));
        return JsonFields.firstNonNull(address, addressOf(JsonFields.field(r, "headerFrom")));
    }

    /**
     * {@code "Accounts" <invoices@supplier.zz>} to {@code invoices@supplier.zz}; the display name
     * stays in raw.
     */
    static String addressOf(String header) {
        if (header == null) {
            return null;
        }
        int open = header.lastIndexOf('<');
        int close = header.lastIndexOf('>');
        String address = open >= 0 && close > open ? header.substring(open + 1, close) : header;
        return address.indexOf('@') > 0 ? address.trim() : null;
    }
}
