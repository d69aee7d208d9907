package io.securitycoach.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.schema.Json;
import io.securitycoach.util.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, read back from its committed audit trail (in-progress files are hidden and not
 * counted): the summary printed by {@code ./coach run --bounded} and written by {@code
 * --summary-json}. The key names are an interface scripts rely on.
 */
public final class RunSummary {
    public final Map<String, Long> eventsByVendor = new TreeMap<>();
    public final Map<String, Long> deadLettersByReason = new TreeMap<>();
    public final Map<String, Long> detectionsByRule = new TreeMap<>();
    public long eventsResolved;
    public long eventsHeld;
    public long eventsUnresolved;
    public long notificationsDelivered;
    public long notificationsFailed;
    public long notificationsSkipped;
    public final List<Map<String, String>> detections = new ArrayList<>();

    /** Detection to delivered, milliseconds, of every delivered notification. */
    private final List<Long> latencies = new ArrayList<>();

    public final Map<String, Long> ruleStatus = new TreeMap<>();

    /** Records each integration fetched ({@code org/vendor}), and its latest status. */
    public Map<String, Long> eventsByIntegration = new TreeMap<>();

    public Map<String, String> integrationStatus = new TreeMap<>();

    public static RunSummary fromAudit(Path auditRoot) {
        return fromAudit(auditRoot.toUri().toString());
    }

    /** From an audit trail on any Flink filesystem (local, s3://). */
    public static RunSummary fromAudit(String auditRoot) {
        RunSummary s = new RunSummary();
        for (JsonNode e : AuditTrail.read(auditRoot, AuditStage.EVENTS)) {
            s.eventsByVendor.merge(e.path("vendor").asText("?"), 1L, Long::sum);
            switch (e.path("resolution").asText()) {
                case IdentityResolver.RESOLVED:
                    s.eventsResolved++;
                    break;
                case IdentityResolver.LATE:
                    s.eventsHeld++;
                    break;
                default:
                    s.eventsUnresolved++;
            }
        }
        for (JsonNode d : AuditTrail.read(auditRoot, AuditStage.DEAD_LETTERS)) {
            s.deadLettersByReason.merge(d.path("reason").asText("?"), 1L, Long::sum);
        }
        for (JsonNode d : AuditTrail.read(auditRoot, AuditStage.DETECTIONS)) {
            s.detectionsByRule.merge(d.path("rule_id").asText("?"), 1L, Long::sum);
            Map<String, String> item = new LinkedHashMap<>();
            item.put("rule_id", d.path("rule_id").asText(null));
            item.put("org_id", d.path("org_id").asText(null));
            item.put("user_id", d.hasNonNull("user_id") ? d.get("user_id").asText() : null);
            item.put("detection_id", d.path("detection_id").asText(null));
            s.detections.add(item);
        }
        s.detections.sort((a, b) -> a.get("detection_id").compareTo(b.get("detection_id")));
        for (JsonNode d : AuditTrail.read(auditRoot, AuditStage.DELIVERIES)) {
            s.countDelivery(d);
        }
        for (JsonNode r : AuditTrail.read(auditRoot, AuditStage.RULE_STATUS)) {
            s.ruleStatus.merge(r.path("status").asText("?"), 1L, Long::sum);
        }
        IntegrationReport integrations = IntegrationReport.fromAudit(auditRoot);
        s.eventsByIntegration = integrations.eventsByIntegration();
        s.integrationStatus = integrations.latestStatus();
        return s;
    }

    /** One delivery status: a final outcome counts; parked is not one (a final status follows). */
    private void countDelivery(JsonNode d) {
        switch (d.path("status").asText()) {
            case DeliveryStatus.DELIVERED:
                notificationsDelivered++;
                latencies.add(d.path("since_detection_ms").asLong());
                break;
            case DeliveryStatus.FAILED:
                notificationsFailed++;
                break;
            case DeliveryStatus.PARKED:
                break; // not an outcome: a final status follows
            default:
                notificationsSkipped++;
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events_by_vendor", eventsByVendor);
        json.put("events_resolved", eventsResolved);
        json.put("events_held", eventsHeld);
        json.put("events_unresolved", eventsUnresolved);
        json.put("dead_letters_by_reason", deadLettersByReason);
        json.put("detections_by_rule", detectionsByRule);
        json.put("notifications_delivered", notificationsDelivered);
        json.put("notifications_failed", notificationsFailed);
        json.put("notifications_skipped", notificationsSkipped);
        json.put("rule_status", ruleStatus);
        json.put("delivery_latency_ms", latency());
        json.put("events_by_integration", eventsByIntegration);
        json.put("integration_status", integrationStatus);
        json.put("detections", detections);
        return json;
    }

    /**
     * The JSON document of {@code --summary-json}; absent values are written as null, not left out.
     */
    public String toPrettyJson() {
        try {
            return Json.mapper()
                    .copy()
                    .setDefaultPropertyInclusion(
                            JsonInclude.Value.construct(
                                    JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Median, 99th percentile and maximum of detection-to-delivered, nearest rank. */
    public Map<String, Long> latency() {
        Map<String, Long> l = new LinkedHashMap<>();
        if (latencies.isEmpty()) {
            return l;
        }
        Percentiles p = Percentiles.of(latencies);
        l.put("p50", p.p50);
        l.put("p99", p.p99);
        l.put("max", p.max);
        l.put("count", (long) p.count);
        return l;
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("events by vendor:        ").append(eventsByVendor).append('\n');
        b.append("identity:                ")
                .append(eventsResolved)
                .append(" resolved, ")
                .append(eventsHeld)
                .append(" held for a late user then resolved, ")
                .append(eventsUnresolved)
                .append(" unresolved\n");
        b.append("dead letters by reason:  ").append(deadLettersByReason).append('\n');
        b.append("detections by rule:      ").append(detectionsByRule).append('\n');
        b.append("rule status:             ").append(ruleStatus).append('\n');
        b.append("notifications:           ")
                .append(notificationsDelivered)
                .append(" delivered, ")
                .append(notificationsFailed)
                .append(" failed, ")
                .append(notificationsSkipped)
                .append(" skipped\n");
        b.append("detection to delivered:  ").append(latency()).append(" ms\n");
        if (!eventsByIntegration.isEmpty()) {
            b.append("events by integration:   ").append(eventsByIntegration).append('\n');
            b.append("integration status:      ").append(integrationStatus).append('\n');
        }
        return b.toString();
    }
}
