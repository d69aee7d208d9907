package io.securitycoach.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.schema.Json;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Support questions over an audit trail (local or s3://): a person's coaching moments in time order
 * (timeline), and one event's way through the stages (trace). Reads the committed records of the
 * stages it needs; meant for one org's or one event's answer, not for bulk analytics.
 */
public final class AuditLookup {
    private final String audit;

    public AuditLookup(String auditRootUri) {
        this.audit = auditRootUri;
    }

    /** The person's detections by event time, each with the events behind it and its deliveries. */
    public ObjectNode timeline(String orgId, String userId) {
        List<JsonNode> detections =
                AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                        .filter(
                                d ->
                                        orgId.equals(d.path("org_id").asText())
                                                && userId.equals(d.path("user_id").asText()))
                        .sorted(Comparator.comparingLong(d -> d.path("event_time").asLong()))
                        .collect(Collectors.toList());
        List<JsonNode> events = AuditTrail.read(audit, AuditStage.EVENTS);
        List<JsonNode> deliveries = AuditTrail.read(audit, AuditStage.DELIVERIES);
        ObjectNode out =
                Json.mapper().createObjectNode().put("org_id", orgId).put("user_id", userId);
        ArrayNode moments = out.putArray("moments");
        for (JsonNode d : detections) {
            ObjectNode moment = moments.addObject();
            moment.set("detection", d);
            moment.set("events", Json.mapper().valueToTree(eventsOf(d, events, orgId)));
            moment.set("deliveries", Json.mapper().valueToTree(deliveriesOf(d, deliveries)));
        }
        return out;
    }

    /**
     * Every stage's records of one event of one org: raw record, event, detections, their
     * deliveries, dead letters. Ids match exactly and only within the org: a raw record or dead
     * letter is the event's when a value of its JSON equals the id (the vendor's id) or the id is
     * the hash the normalizer gives a record without one; another org's record with the same id, or
     * a payload merely holding the id inside a longer text, is never shown.
     */
    public ObjectNode trace(String orgId, String eventUid) {
        ObjectNode out =
                Json.mapper().createObjectNode().put("org_id", orgId).put("event_uid", eventUid);
        out.set(
                "raw",
                array(
                        ofOrg(AuditStage.RAW, orgId)
                                .filter(r -> RecordIds.names(r.path("payload"), eventUid))));
        out.set(
                "events",
                array(
                        ofOrg(AuditStage.EVENTS, orgId)
                                .filter(e -> eventUid.equals(e.path("event_uid").asText()))));
        List<JsonNode> detections =
                ofOrg(AuditStage.DETECTIONS, orgId)
                        .filter(d -> contains(d.path("event_uids"), eventUid))
                        .collect(Collectors.toList());
        out.set("detections", Json.mapper().valueToTree(detections));
        List<JsonNode> deliveries =
                ofOrgOrUnnamed(AuditStage.DELIVERIES, orgId).collect(Collectors.toList());
        out.set(
                "deliveries",
                array(detections.stream().flatMap(d -> deliveriesOf(d, deliveries).stream())));
        out.set(
                "dead_letters",
                array(
                        ofOrg(AuditStage.DEAD_LETTERS, orgId)
                                .filter(l -> RecordIds.names(l.path("raw"), eventUid))));
        return out;
    }

    /** The stage's records of the org. */
    private Stream<JsonNode> ofOrg(String stage, String orgId) {
        return AuditTrail.read(audit, stage).stream()
                .filter(r -> orgId.equals(r.path("org_id").asText(null)));
    }

    /**
     * The stage's records of the org, and those naming no org (delivery statuses are found through
     * the org's detection ids, which name the org).
     */
    private Stream<JsonNode> ofOrgOrUnnamed(String stage, String orgId) {
        return AuditTrail.read(audit, stage).stream()
                .filter(r -> !r.hasNonNull("org_id") || orgId.equals(r.path("org_id").asText()));
    }

    private static List<JsonNode> eventsOf(
            JsonNode detection, List<JsonNode> events, String orgId) {
        return events.stream()
                .filter(
                        e ->
                                orgId.equals(e.path("org_id").asText())
                                        && contains(
                                                detection.path("event_uids"),
                                                e.path("event_uid").asText()))
                .sorted(Comparator.comparingLong(e -> e.path("event_time").asLong()))
                .collect(Collectors.toList());
    }

    private static List<JsonNode> deliveriesOf(JsonNode detection, List<JsonNode> deliveries) {
        String id = detection.path("detection_id").asText();
        return deliveries.stream()
                .filter(s -> id.equals(s.path("detection_id").asText()))
                .sorted(Comparator.comparingLong(s -> s.path("time").asLong()))
                .collect(Collectors.toList());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode array(Stream<JsonNode> nodes) {
        ArrayNode a = Json.mapper().createArrayNode();
        nodes.forEach(a::add);
        return a;
    }
}
