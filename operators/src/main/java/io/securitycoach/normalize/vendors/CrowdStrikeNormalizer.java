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
import java.util.Set;

/**
 * CrowdStrike Falcon streaming API events ({@code {"metadata": {...}, "event": {...}}}). Detections
 * of every product become {@code endpoint} findings ({@code EppDetectionSummaryEvent} and the
 * legacy {@code DetectionSummaryEvent}, XDR and mobile detections) or {@code auth} findings
 * (identity protection); console sign-ins are {@code auth}, console actions and Real Time Response
 * sessions {@code admin}. Event types that name no person (incident roll-ups, recon, CSPM, reports,
 * firewall matches without a user, API clients' activity) are {@code platform_event} dead letters,
 * not errors.
 */
public final class CrowdStrikeNormalizer implements VendorNormalizer {
    private static final Set<String> ENDPOINT_DETECTIONS =
            Set.of(
                    "EppDetectionSummaryEvent",
                    "DetectionSummaryEvent",
                    "XdrDetectionSummaryEvent",
                    "MobileDetectionSummaryEvent");
    private static final Set<String> PLATFORM =
            Set.of(
                    "IncidentSummaryEvent",
                    "ReconNotificationSummaryEvent",
                    "CSPMIOAStreamingEvent",
                    "CSPMSearchStreamingEvent",
                    "ScheduledReportNotificationEvent",
                    "HashSpreadingEvent",
                    "IdentityProtectionIncidentEvent");
    private static final String IDP_DETECTION = "IdpDetectionSummaryEvent";
    private static final String FIREWALL = "FirewallMatchEvent";
    private static final String IDENTITY_EVENT = "IdentityProtectionEvent";

    @Override
    public String vendor() {
        return "crowdstrike";
    }

    @Override
    public boolean recognizes(JsonNode r) {
        return r.path("metadata").has("eventType") && r.path("event").isObject()
                || FalconAlerts.recognizes(r);
    }

    @Override
    public String recordType(JsonNode r) {
        return r.has("metadata")
                ? r.path("metadata").path("eventType").asText("record")
                : FalconAlerts.recordType(r);
    }

    @Override
    public void normalize(JsonNode r, SecurityEvent out) throws NormalizationException {
        if (!r.path("event").isObject()) {
            FalconAlerts.normalize(r, out);
            return;
        }
        JsonNode e = r.get("event");
        String type = JsonFields.text(r, "metadata.eventType");
        out.product = "CrowdStrike Falcon";
        out.eventTime = creationTime(r);
        if (type == null) {
            throw new NormalizationException(Reasons.WRONG_TYPE, "metadata.eventType is empty");
        } else if (ENDPOINT_DETECTIONS.contains(type)) {
            FalconDetections.endpoint(e, out, type);
        } else if (IDP_DETECTION.equals(type)) {
            FalconDetections.identity(e, out);
        } else if (IDENTITY_EVENT.equals(type)) {
            FalconDetections.identityProtection(e, out);
        } else if ("AuthActivityAuditEvent".equals(type) || "UserActivityAuditEvent".equals(type)) {
            audit(e, out, type);
        } else if (type.startsWith("RemoteResponseSession")) {
            remoteResponse(e, out, type);
        } else if (FIREWALL.equals(type) && JsonFields.field(e, "UserName") != null) {
            firewall(e, out);
        } else if (PLATFORM.contains(type) || FIREWALL.equals(type)) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT, type + " names no person: platform activity");
        } else {
            throw new NormalizationException(
                    Reasons.WRONG_TYPE, "unsupported Falcon event type '" + type + "'");
        }
        if (out.eventUid == null) {
            String offset = JsonFields.text(r, "metadata.offset");
            out.eventUid = offset == null ? null : "falcon-offset-" + offset;
        }
        // raw: the record's fields, filled by EventNormalizer (carried as text where it can)
    }

    /** Epoch milliseconds as documented; some collectors write seconds (told by magnitude). */
    private static long creationTime(JsonNode r) throws NormalizationException {
        JsonNode created = r.path("metadata").path("eventCreationTime");
        if (created.isMissingNode() || created.isNull() || created.asText().isBlank()) {
            throw new NormalizationException(Reasons.MISSING_TIME, "no metadata.eventCreationTime");
        }
        if (!created.isNumber() && !created.isTextual()) {
            throw new NormalizationException(
                    Reasons.INVALID_TIME, "metadata.eventCreationTime is not an epoch number");
        }
        return EpochTimes.byMagnitude(created, "metadata.eventCreationTime");
    }

    /**
     * Console sign-ins and actions; an API client's calls are platform activity, not a person's.
     */
    private static void audit(JsonNode e, SecurityEvent out, String type)
            throws NormalizationException {
        String user = JsonFields.field(e, "UserId");
        if (isApiClient(e, user)) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT, type + " by an API client: not a person");
        }
        boolean auth = "AuthActivityAuditEvent".equals(type);
        out.category = "iam";
        out.eventClass = auth ? "auth" : "admin";
        out.classUid = auth ? 3002 : 3004;
        out.activity = JsonFields.field(e, "OperationName");
        out.message = JsonFields.field(e, "ServiceName");
        ActorIdentity.assign(user, out);
        out.actorIp = JsonFields.field(e, "UserIp");
        String success = JsonFields.field(e, "Success"); // true, or "true" from some collectors
        out.outcome =
                "true".equalsIgnoreCase(success)
                        ? "success"
                        : "false".equalsIgnoreCase(success) ? "failure" : "unknown";
        out.action = "unknown";
        out.severity = "info";
    }

    /**
     * An API client acting: {@code UserId} {@code API:<client id>} or {@code api-client-id:<client
     * id>}, or an {@code APIClientID} (top level or among the audit's key values).
     */
    static boolean isApiClient(JsonNode e, String user) {
        String u = user == null ? "" : user.toLowerCase(Locale.ROOT);
        if (u.startsWith("api:") || u.startsWith("api-client-id")) {
            return true;
        }
        if (JsonFields.field(e, "APIClientID") != null) {
            return true;
        }
        for (JsonNode pair : e.path("AuditKeyValues")) {
            if ("APIClientID".equalsIgnoreCase(pair.path("Key").asText(""))
                    && JsonFields.field(pair, "ValueString") != null) {
                return true;
            }
        }
        return false;
    }

    /** A responder's Real Time Response session on a host: an admin action by that person. */
    private static void remoteResponse(JsonNode e, SecurityEvent out, String type)
            throws NormalizationException {
        if (isApiClient(e, JsonFields.field(e, "UserName"))) {
            throw new NormalizationException(
                    Reasons.PLATFORM_EVENT, type + " opened by an API client: not a person");
        }
        out.category = "iam";
        out.eventClass = "admin";
        out.classUid = 3004;
        out.activity = type.endsWith("StartEvent") ? "rtr_session_start" : "rtr_session_end";
        out.message = "Real Time Response session";
        ActorIdentity.assign(JsonFields.field(e, "UserName"), out);
        out.actorHost =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "HostnameField"), JsonFields.field(e, "Hostname"));
        out.eventUid = JsonFields.field(e, "SessionId");
        out.action = "unknown";
        out.outcome = "success";
        out.severity = "info";
    }

    /**
     * The rule's action: {@code 1}/allow is allowed, {@code 2}/block blocked; anything else (a
     * monitor rule, a value we do not know) says nothing.
     */
    static String firewallAction(String ruleAction) {
        if (ruleAction == null) {
            return "unknown";
        }
        String a = ruleAction.toLowerCase(Locale.ROOT);
        if (a.equals("2") || a.startsWith("block") || a.startsWith("deny")) {
            return "blocked";
        }
        return a.equals("1") || a.startsWith("allow") ? "allowed" : "unknown";
    }

    /** A host firewall rule matched a user's connection. */
    private static void firewall(JsonNode e, SecurityEvent out) {
        out.category = "network";
        out.eventClass = "network";
        out.classUid = 4001; // OCSF Network Activity
        out.activity = JsonFields.field(e, "RuleName");
        out.message = JsonFields.field(e, "RuleGroupName");
        ActorIdentity.assign(JsonFields.field(e, "UserName"), out);
        out.actorHost =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "HostName"), JsonFields.field(e, "ComputerName"));
        out.actorIp =
                JsonFields.firstNonNull(
                        JsonFields.field(e, "LocalAddress"), JsonFields.field(e, "LocalIP"));
        out.url = JsonFields.field(e, "RemoteAddress");
        out.action = firewallAction(JsonFields.field(e, "RuleAction"));
        out.outcome =
                "blocked".equals(out.action)
                        ? "failure"
                        : "allowed".equals(out.action) ? "success" : "unknown";
        out.severity = "blocked".equals(out.action) ? "low" : "info";
    }
}
