package io.securitycoach.soak;

import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the checker found: the figures (written as JSON with exactly the keys of issue 17), the
 * violations (any one fails the soak) and notes (reported, not failed: Slack repeats, detections
 * triggered by other events of the same coaching moment, messages accepted whose answer was lost).
 */
public final class SoakReport {
    long eventsIn;
    Map<String, Long> faultsInjected = new TreeMap<>();
    long rawAuditMissing;
    long rawAuditDuplicated;
    boolean eventsPlusDeadLettersEqualInput;
    long eventsAudited;
    long deadLettersOfNormalization;
    long detectionsReference;
    long detectionsAudited;
    long detectionsMissing;
    long detectionsExtra;
    long detectionsReordered;
    long notificationsFinal;
    long notificationsWithoutFinalStatus;
    Map<String, Long> duplicateDeliveriesShown = new TreeMap<>();
    long kinesisOutputDuplicates;
    Map<String, Double> recoverySeconds = RecoveryCheck.p50AndMax(List.of());
    long maxEventToNotificationMsDuringFaults;
    public final List<Violation> violations = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The figures, with exactly the keys the issue names, in its order. */
    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events_in", eventsIn);
        m.put("faults_injected", faultsInjected);
        m.put("raw_audit_missing", rawAuditMissing);
        m.put("raw_audit_duplicated", rawAuditDuplicated);
        m.put("events_plus_dead_letters_equal_input", eventsPlusDeadLettersEqualInput);
        m.put("detections_reference", detectionsReference);
        m.put("detections_missing", detectionsMissing);
        m.put("detections_extra", detectionsExtra);
        m.put("notifications_final", notificationsFinal);
        m.put("notifications_without_final_status", notificationsWithoutFinalStatus);
        m.put("duplicate_deliveries_shown", duplicateDeliveriesShown);
        m.put("kinesis_output_duplicates", kinesisOutputDuplicates);
        m.put("recovery_seconds", recoverySeconds);
        m.put("max_event_to_notification_ms_during_faults", maxEventToNotificationMsDuringFaults);
        return m;
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                file,
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures()) + "\n",
                StandardCharsets.UTF_8);
    }

    public void print(PrintStream out) {
        long faults = faultsInjected.values().stream().mapToLong(Long::longValue).sum();
        out.printf(
                "events in %,d | raw audit missing %d, duplicated %d | events %,d + dead letters"
                        + " %,d %s input%n",
                eventsIn,
                rawAuditMissing,
                rawAuditDuplicated,
                eventsAudited,
                deadLettersOfNormalization,
                eventsPlusDeadLettersEqualInput ? "=" : "!=");
        out.printf(
                "faults %d %s | recovery p50 %.1f s, max %.1f s | longest event-to-notification"
                        + " during faults %,d ms%n",
                faults,
                faultsInjected,
                recoverySeconds.get("p50"),
                recoverySeconds.get("max"),
                maxEventToNotificationMsDuringFaults);
        out.printf(
                "detections %,d (reference %,d): missing %d, extra %d, same moment other trigger"
                        + " %d%n",
                detectionsAudited,
                detectionsReference,
                detectionsMissing,
                detectionsExtra,
                detectionsReordered);
        out.printf(
                "notifications with one final status %,d, without %d | shown again %s | Kinesis"
                        + " output repeats %d%n",
                notificationsFinal,
                notificationsWithoutFinalStatus,
                duplicateDeliveriesShown,
                kinesisOutputDuplicates);
        notes.stream().limit(Violation.MAX_LISTED).forEach(n -> out.println("note: " + n));
        if (notes.size() > Violation.MAX_LISTED) {
            out.println("note: ... and " + (notes.size() - Violation.MAX_LISTED) + " more notes");
        }
        violations.forEach(out::println);
        out.println(
                passed()
                        ? "SOAK CHECK PASSED"
                        : "SOAK CHECK FAILED: " + violations.size() + " kinds of violation");
    }
}
