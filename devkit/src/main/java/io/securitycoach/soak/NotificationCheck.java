package io.securitycoach.soak;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.records.DeliveryStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every notification has exactly one final status (delivered; failed or skipped with a reason),
 * every detection has at least one notification status, every message the receiver accepted has a
 * status, and no Teams or webhook message was shown twice (they carry an idempotency key). Slack
 * repeats are counted, not failed: chat.postMessage has no idempotency key.
 */
final class NotificationCheck {
    private final Path audit;
    private final ReceiverLog receiver;

    NotificationCheck(Path audit, ReceiverLog receiver) {
        this.audit = audit;
        this.receiver = receiver;
    }

    void run(SoakReport report) {
        Map<String, List<String>> statuses = new HashMap<>();
        Set<String> detectionsWithStatus = new HashSet<>();
        List<String> withoutReason = new ArrayList<>();
        AuditTrail.forEach(
                audit,
                AuditStage.DELIVERIES,
                (s, file) -> {
                    String status = s.path("status").asText();
                    if (DeliveryStatus.PARKED.equals(status)) {
                        return; // not final: the retry lane's outcome follows (fair shares)
                    }
                    String reason = s.path("reason").asText("");
                    statuses.computeIfAbsent(
                                    s.path("notification_id").asText(), k -> new ArrayList<>())
                            .add(status + (reason.isEmpty() ? "" : " " + reason) + " in " + file);
                    detectionsWithStatus.add(s.path("detection_id").asText());
                    if (!DeliveryStatus.DELIVERED.equals(status) && reason.isEmpty()) {
                        withoutReason.add(
                                s.path("notification_id").asText()
                                        + " "
                                        + status
                                        + " without a reason in "
                                        + file);
                    }
                });
        List<String> notOnce = new ArrayList<>();
        statuses.forEach(
                (id, list) -> {
                    if (list.size() != 1) {
                        notOnce.add(id + ": " + list.size() + " statuses " + list);
                    }
                });
        List<String> unfinished = detectionsWithoutStatus(detectionsWithStatus);
        unfinished.addAll(receivedWithoutStatus(statuses, report));
        report.notificationsFinal = statuses.size() - notOnce.size();
        report.notificationsWithoutFinalStatus =
                notOnce.size() + unfinished.size() + withoutReason.size();
        addIfAny(report, "notifications_with_several_statuses", notOnce);
        addIfAny(report, "notifications_without_status", unfinished);
        addIfAny(report, "statuses_without_reason", withoutReason);
        checkShown(report);
    }

    private List<String> detectionsWithoutStatus(Set<String> withStatus) {
        List<String> out = new ArrayList<>();
        AuditTrail.forEach(
                audit,
                AuditStage.DETECTIONS,
                (d, file) -> {
                    if (!withStatus.contains(d.path("detection_id").asText())) {
                        out.add(
                                "detection "
                                        + d.path("detection_id").asText()
                                        + " ("
                                        + d.path("rule_id").asText()
                                        + ") in "
                                        + file
                                        + " has no notification status");
                    }
                });
        return out;
    }

    /**
     * Accepted by the receiver but without any status; accepted but audited as failed is a note
     * (see README).
     */
    private List<String> receivedWithoutStatus(
            Map<String, List<String>> statuses, SoakReport report) {
        List<String> out = new ArrayList<>();
        for (ReceiverLog.Received r : receiver.byNotification.values()) {
            List<String> s = statuses.get(r.notificationId);
            if (s == null) {
                out.add(
                        r.channel
                                + " "
                                + r.notificationId
                                + " accepted at "
                                + r.firstLine
                                + " has no status in the audit trail");
            } else if (s.stream().noneMatch(x -> x.startsWith(DeliveryStatus.DELIVERED))) {
                report.notes.add(
                        "accepted by the receiver ("
                                + r.firstLine
                                + ") but audited "
                                + s
                                + ": the answer was lost");
            }
        }
        return out;
    }

    private void checkShown(SoakReport report) {
        report.duplicateDeliveriesShown = receiver.duplicatesShown();
        List<String> twice = new ArrayList<>();
        for (ReceiverLog.Received r : receiver.byNotification.values()) {
            if (r.shown() > 1 && !"slack".equals(r.channel)) {
                twice.add(
                        r.channel
                                + " "
                                + r.notificationId
                                + " shown "
                                + r.shown()
                                + " times under keys "
                                + r.keys
                                + " (first at "
                                + r.firstLine
                                + ")");
            }
        }
        addIfAny(report, "deliveries_shown_twice", twice);
        long slack = report.duplicateDeliveriesShown.getOrDefault("slack", 0L);
        if (slack > 0) {
            report.notes.add(
                    slack + " Slack messages shown again: chat.postMessage has no idempotency key");
        }
    }

    private static void addIfAny(SoakReport report, String kind, List<String> records) {
        if (!records.isEmpty()) {
            report.violations.add(new Violation(kind, records.size(), records));
        }
    }
}
