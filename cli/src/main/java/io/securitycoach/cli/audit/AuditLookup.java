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
     * Every stage's records of one event: raw record, event, detections, their deliveries, dead
     * letters.
     */
    public ObjectNode trace(String eventUid) {
        ObjectNode out = Json.mapper().createObjectNode().put("event_uid", eventUid);
        out.set(
                "raw",
                array(
                        AuditTrail.read(audit, AuditStage.RAW).stream()
                                .filter(r -> r.path("payload").asText().contains(eventUid))));
        out.set(
                "events",
                array(
                        AuditTrail.read(audit, AuditStage.EVENTS).stream()
                                .filter(e -> eventUid.equals(e.path("event_uid").asText()))));
        List<JsonNode> detections =
                AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                        .filter(d -> contains(d.path("event_uids"), eventUid))
                        .collect(Collectors.toList());
        out.set("detections", Json.mapper().valueToTree(detections));
        List<JsonNode> deliveries = AuditTrail.read(audit, AuditStage.DELIVERIES);
        out.set(
                "deliveries",
                array(detections.stream().flatMap(d -> deliveriesOf(d, deliveries).stream())));
        out.set(
                "dead_letters",
                array(
                        AuditTrail.read(audit, AuditStage.DEAD_LETTERS).stream()
                                .filter(l -> l.path("raw").asText().contains(eventUid))));
        return out;
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
