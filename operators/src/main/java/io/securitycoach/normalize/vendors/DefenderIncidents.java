package io.securitycoach.normalize.vendors;

import static io.securitycoach.normalize.vendors.DefenderEvidence.first;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.schema.SecurityEvent;
import java.util.Locale;

/**
 * Alerts of the Microsoft Defender XDR incidents API ({@code /api/incidents}: an incident holds its
 * {@code alerts[]}, each with {@code entities[]} and {@code devices[]}), or one such alert alone.
 * The person comes from the entities in order of how directly they name one (User, MailBox, a mail
 * message's recipient, a process's account, a device's logged-on users); {@code remediationStatus}
 * Prevented or Blocked on any entity, or the message's {@code deliveryAction}, is the verdict.
 */
final class DefenderIncidents {
    private DefenderIncidents() {}

    static boolean isIncident(JsonNode r) {
        return r.has("incidentId") && r.path("alerts").isArray();
    }

    static boolean isAlert(JsonNode r) {
        return r.has("alertId") && r.has("creationTime");
    }

    static DefenderEvidence read(JsonNode alert, SecurityEvent out) throws NormalizationException {
        out.eventUid = JsonFields.field(alert, "alertId");
        out.eventTime = JsonFields.isoTime(alert, "creationTime");
        out.activity = JsonFields.field(alert, "title");
        out.message = JsonFields.field(alert, "description");
        out.severity = DefenderNormalizer.severity(JsonFields.field(alert, "severity"));
        out.mitreTactic = DefenderNormalizer.tactic(JsonFields.field(alert, "category"));
        out.mitreTechnique = alert.path("mitreTechniques").path(0).asText(null);
        out.threatName = JsonFields.field(alert, "threatFamilyName");
        DefenderEvidence found = new DefenderEvidence();
        String[] candidates = new String[5];
        boolean message = false;
        for (JsonNode entity : alert.path("entities")) {
            message |= entity(entity, found, candidates, out);
        }
        for (JsonNode device : alert.path("devices")) {
            out.actorHost = first(out.actorHost, JsonFields.field(device, "deviceDnsName"));
            for (JsonNode user : device.path("loggedOnUsers")) {
                candidates[4] = first(candidates[4], found.account(user));
            }
        }
        for (String candidate : candidates) {
            found.person = first(found.person, candidate);
        }
        DefenderNormalizer.classify(
                alert.path("serviceSource").asText("")
                        + " "
                        + alert.path("detectionSource").asText(""),
                message,
                out);
        return found;
    }

    /** One entity into the candidates and the event; true when it is a mail message. */
    private static boolean entity(
            JsonNode entity, DefenderEvidence found, String[] candidates, SecurityEvent out) {
        String type = entity.path("entityType").asText("").toLowerCase(Locale.ROOT);
        String status = entity.path("remediationStatus").asText("");
        found.prevented |=
                status.equalsIgnoreCase("prevented") || status.equalsIgnoreCase("blocked");
        switch (type) {
            case "user":
                candidates[0] = first(candidates[0], found.account(entity));
                return false;
            case "mailbox":
                candidates[1] = first(candidates[1], JsonFields.field(entity, "mailboxAddress"));
                return false;
            case "mailmessage":
                candidates[2] = first(candidates[2], JsonFields.field(entity, "recipient"));
                out.emailSender = first(out.emailSender, JsonFields.field(entity, "sender"));
                out.emailSubject = first(out.emailSubject, JsonFields.field(entity, "subject"));
                found.deliveryAction =
                        first(found.deliveryAction, JsonFields.field(entity, "deliveryAction"));
                return true;
            case "process":
                candidates[3] = first(candidates[3], found.account(entity));
                if (out.processName == null) {
                    out.processName = JsonFields.field(entity, "fileName");
                    out.commandLine = JsonFields.field(entity, "processCommandLine");
                    out.fileHash = JsonFields.field(entity, "sha256");
                    out.fileName = out.processName;
                }
                return false;
            default:
                other(type, entity, out);
                return false;
        }
    }

    private static void other(String type, JsonNode entity, SecurityEvent out) {
        if ("file".equals(type) && out.fileName == null) {
            out.fileName = JsonFields.field(entity, "fileName");
            out.fileHash = first(out.fileHash, JsonFields.field(entity, "sha256"));
        } else if ("url".equals(type) && out.url == null) {
            out.url = JsonFields.field(entity, "url");
            out.urlHost = JsonFields.host(out.url);
        } else if ("ip".equals(type)) {
            out.actorIp = first(out.actorIp, JsonFields.field(entity, "ipAddress"));
        }
    }
}
