package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.schema.SecurityEvent;

/**
 * Proofpoint TAP SIEM API ({@code /v2/siem/all}): one record of its {@code clicksPermitted},
 * {@code clicksBlocked}, {@code messagesDelivered} or {@code messagesBlocked} arrays per line, with the
 * array's name in {@code feed} (the poller writes it; a click record alone does not say whether it was
 * permitted). Clicks name the recipient who clicked; messages their first recipient.
 */
public final class ProofpointTapNormalizer implements VendorNormalizer {
    @Override
    public String vendor() {
        return "proofpoint";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        String feed = r.path("feed").asText("");
        return feed.startsWith("clicks") || feed.startsWith("messages");
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        String feed = r.path("feed").asText("");
        out.product = "Proofpoint TAP";
        out.category = "email";
        out.eventClass = "email";
        switch (feed) {
            case "clicksPermitted":
            case "clicksBlocked":
                click(r, out, feed.equals("clicksPermitted"));
                break;
            case "messagesDelivered":
            case "messagesBlocked":
                message(r, out, feed.equals("messagesDelivered"));
                break;
            default:
                throw new NormalizationException(Reasons.WRONG_TYPE, "unknown TAP feed '" + feed + "'");
        }
        out.raw = JsonFields.flatten(r);
    }

    private static void click(JsonNode r, SecurityEvent out, boolean permitted) throws NormalizationException {
        out.classUid = 4002; // the click is web activity on behalf of an email
        out.activity = permitted ? "click_permitted" : "click_blocked";
        out.action = permitted ? "allowed" : "blocked";
        out.outcome = permitted ? "success" : "failure";
        out.eventUid = JsonFields.firstNonNull(JsonFields.text(r, "id"), JsonFields.text(r, "GUID"));
        out.eventTime = JsonFields.isoTime(r, "clickTime");
        ActorIdentity.assign(JsonFields.text(r, "recipient"), out);
        out.actorIp = JsonFields.text(r, "clickIP");
        out.url = JsonFields.text(r, "url");
        out.urlHost = JsonFields.host(out.url);
        out.threatName = JsonFields.text(r, "classification");
        out.emailSender = JsonFields.text(r, "sender");
        out.severity = permitted ? "high" : "medium";
        out.message = (permitted ? "Clicked a link later found malicious" : "A click on a malicious link was blocked")
                + (out.threatName == null ? "" : " (" + out.threatName + ")");
    }

    private static void message(JsonNode r, SecurityEvent out, boolean delivered) throws NormalizationException {
        out.classUid = 4009; // OCSF Email Activity
        out.activity = delivered ? "message_delivered" : "message_blocked";
        out.action = delivered ? "allowed" : "blocked";
        out.outcome = "success";
        out.eventUid = JsonFields.firstNonNull(JsonFields.text(r, "GUID"), JsonFields.text(r, "messageID"));
        out.eventTime = JsonFields.isoTime(r, "messageTime");
        JsonNode recipients = r.path("recipient");
        ActorIdentity.assign(recipients.isArray() && recipients.size() > 0 ? recipients.get(0).asText() : recipients.asText(null), out);
        out.emailSender = JsonFields.firstNonNull(JsonFields.text(r, "headerFrom"), JsonFields.text(r, "sender"));
        out.emailSubject = JsonFields.text(r, "subject");
        JsonNode threat = r.path("threatsInfoMap").path(0);
        out.threatName = JsonFields.text(threat, "classification");
        out.url = JsonFields.text(threat, "threat");
        out.severity = out.threatName == null ? "info" : delivered ? "high" : "low";
        out.message = delivered ? "A message with a threat was delivered" : "A message was blocked";
    }

}
