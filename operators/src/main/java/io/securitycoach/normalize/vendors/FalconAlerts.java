package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.normalize.ActorIdentity;
import io.securitycoach.normalize.JsonFields;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.normalize.ServiceAccounts;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;

/**
 * A resource of the Falcon Alerts API v2 ({@code /alerts/entities/alerts/v2}: snake-case fields,
 * {@code composite_id}, ISO {@code timestamp}, the host under {@code device}). {@code product}
 * {@code idp} (Identity Protection) is an {@code auth} finding on the source account; every other
 * product an {@code endpoint} finding on the logged-on user. The verdict comes from {@code
 * pattern_disposition_details} and its description, as for streaming detections ({@link
 * FalconDisposition}).
 */
final class FalconAlerts {
    private FalconAlerts() {}

    static boolean recognizes(JsonNode r) {
        return r.has("composite_id")
                && (r.has("timestamp") || r.has("created_timestamp"))
                && (r.has("product") || r.has("device") || r.has("pattern_disposition_details"));
    }

    static String recordType(JsonNode r) {
        return "alert-v2:" + r.path("product").asText("unknown");
    }

    static void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.product = "CrowdStrike Falcon";
        out.category = "findings";
        out.classUid = 2004; // OCSF Detection Finding
        out.eventUid = JsonFields.field(r, "composite_id");
        boolean happened = JsonFields.field(r, "timestamp") != null; // else when it was created
        out.eventTime = JsonFields.isoTime(r, happened ? "timestamp" : "created_timestamp");
        out.activity =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "display_name"), JsonFields.field(r, "name"));
        out.message = JsonFields.field(r, "description");
        out.severity = FalconDetections.severity(severityFields(r));
        out.mitreTactic = JsonFields.field(r, "tactic");
        out.mitreTechnique =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "technique_id"), JsonFields.field(r, "technique"));
        out.action = FalconDisposition.action(r);
        out.outcome = "unknown";
        if ("idp".equalsIgnoreCase(JsonFields.field(r, "product"))) {
            identity(r, out);
        } else {
            endpoint(r, out);
        }
        // raw: the record's fields, filled by EventNormalizer
    }

    private static void endpoint(JsonNode r, SecurityEvent out) throws NormalizationException {
        out.eventClass = "endpoint";
        JsonNode device = r.path("device");
        out.actorHost = JsonFields.field(device, "hostname");
        out.actorIp = JsonFields.field(device, "local_ip");
        out.processName = JsonFields.field(r, "filename");
        out.fileName = out.processName;
        out.commandLine = JsonFields.field(r, "cmdline");
        out.fileHash =
                JsonFields.firstNonNull(
                        JsonFields.nonZero(r, "sha256"), JsonFields.nonZero(r, "md5"));
        String user = JsonFields.field(r, "user_name");
        String domain =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "logon_domain"),
                        JsonFields.field(device, "machine_domain"));
        if (ServiceAccounts.isServiceAccount(user, domain)) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT,
                    "the alert ran as the service account " + user + ": nobody to coach");
        }
        String upn = JsonFields.field(r, "user_principal");
        ActorIdentity.assign(
                upn != null && upn.indexOf('@') > 0 ? upn : qualified(user, domain), out);
    }

    private static void identity(JsonNode r, SecurityEvent out) {
        out.eventClass = "auth";
        String upn = JsonFields.field(r, "source_account_upn");
        String name = JsonFields.field(r, "source_account_name");
        String domain = JsonFields.field(r, "source_account_domain");
        ActorIdentity.assign(upn != null ? upn : qualified(name, domain), out);
        out.actorHost = JsonFields.field(r, "source_endpoint_host_name");
        out.actorIp = JsonFields.field(r, "source_endpoint_ip_address");
    }

    /** Alerts v2 spells the severity fields in snake case; the shared reader wants Falcon's. */
    private static JsonNode severityFields(JsonNode r) {
        ObjectNode s = Json.mapper().createObjectNode();
        if (r.has("severity_name")) {
            s.set("SeverityName", r.get("severity_name"));
        }
        if (r.has("severity")) {
            s.set("Severity", r.get("severity"));
        }
        return s;
    }

    private static String qualified(String user, String domain) {
        return user != null && domain != null && user.indexOf('\\') < 0 && user.indexOf('@') < 0
                ? domain + "\\" + user
                : user;
    }
}
