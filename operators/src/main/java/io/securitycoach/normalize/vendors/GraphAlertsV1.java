package io.securitycoach.normalize.vendors;

import static io.securitycoach.normalize.vendors.DefenderEvidence.first;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.schema.SecurityEvent;

/**
 * The legacy Microsoft Graph {@code security/alerts} (v1) alert: the provider in {@code
 * vendorInformation} decides the class, the person is the first {@code userStates[]} entry that is
 * not a service account, the device the first {@code hostStates[]}. v1 carries no prevention or
 * delivery state, so its action is always {@code unknown}. The time is {@code eventDateTime} (when
 * the activity happened), else {@code createdDateTime}.
 */
final class GraphAlertsV1 {
    private GraphAlertsV1() {}

    static DefenderEvidence read(JsonNode alert, SecurityEvent out) throws NormalizationException {
        out.eventUid = JsonFields.field(alert, "id");
        out.eventTime =
                JsonFields.field(alert, "eventDateTime") != null
                        ? JsonFields.isoTime(alert, "eventDateTime")
                        : JsonFields.isoTime(alert, "createdDateTime");
        out.activity = JsonFields.field(alert, "title");
        out.message = JsonFields.field(alert, "description");
        out.severity = DefenderNormalizer.severity(JsonFields.field(alert, "severity"));
        out.mitreTactic = DefenderNormalizer.tactic(JsonFields.field(alert, "category"));
        out.threatName = JsonFields.text(alert.path("malwareStates").path(0), "name");
        DefenderEvidence found = new DefenderEvidence();
        for (JsonNode user : alert.path("userStates")) {
            String person = found.account(user);
            if (person != null && found.person == null) {
                found.person = person;
                out.actorIp = JsonFields.field(user, "logonIp");
            }
        }
        JsonNode host = alert.path("hostStates").path(0);
        out.actorHost =
                first(JsonFields.field(host, "fqdn"), JsonFields.field(host, "netBiosName"));
        out.actorIp = first(out.actorIp, JsonFields.field(host, "privateIpAddress"));
        JsonNode process = alert.path("processes").path(0);
        out.processName = JsonFields.field(process, "name");
        out.commandLine = JsonFields.field(process, "commandLine");
        JsonNode file = alert.path("fileStates").path(0);
        out.fileName = first(out.processName, JsonFields.field(file, "name"));
        out.fileHash =
                first(
                        JsonFields.text(process, "fileHash.hashValue"),
                        JsonFields.text(file, "fileHash.hashValue"));
        out.url = JsonFields.text(alert.path("networkConnections").path(0), "destinationUrl");
        out.urlHost = JsonFields.host(out.url);
        JsonNode vendor = alert.path("vendorInformation");
        DefenderNormalizer.classify(
                vendor.path("provider").asText("") + " " + vendor.path("subProvider").asText(""),
                false,
                out);
        return found;
    }
}
