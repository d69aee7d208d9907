package io.securitycoach.soak;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.util.Percentiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recovery per fault: from the moment the broken part is back to the next completed checkpoint (the
 * job has then made progress it will not redo). And the longest wait of an employee during a fault:
 * from the arrival of the event that triggered a detection to the receiver's first acceptance of
 * its message, for messages accepted between a fault's start and its recovery.
 */
final class RecoveryCheck {
    private final List<Fault> faults;
    private final List<Long> checkpoints;
    private final Path audit;
    private final ReceiverLog receiver;

    RecoveryCheck(List<Fault> faults, List<Long> checkpoints, Path audit, ReceiverLog receiver) {
        this.faults = faults;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.receiver = receiver;
    }

    void run(SoakReport report) {
        Map<String, Long> byKind = new TreeMap<>();
        List<Double> seconds = new ArrayList<>();
        List<long[]> windows = new ArrayList<>();
        List<String> unrecovered = new ArrayList<>();
        for (Fault f : faults) {
            byKind.merge(f.kind, 1L, Long::sum);
            Long next = checkpoints.stream().filter(t -> t > f.endMillis).findFirst().orElse(null);
            if (next == null) {
                unrecovered.add(f.toJson() + ": no checkpoint completed after it");
                windows.add(new long[] {f.startMillis, Long.MAX_VALUE});
            } else {
                seconds.add((next - f.endMillis) / 1000.0);
                windows.add(new long[] {f.startMillis, next});
            }
        }
        report.faultsInjected = byKind;
        report.recoverySeconds = p50AndMax(seconds);
        if (!unrecovered.isEmpty()) {
            report.violations.add(
                    new Violation("fault_not_recovered", unrecovered.size(), unrecovered));
        }
        report.maxEventToNotificationMsDuringFaults = windows.isEmpty() ? 0 : longestWait(windows);
    }

    /** p50 and max of the recovery times in seconds, both 0 when there are none. */
    static Map<String, Double> p50AndMax(List<Double> seconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Double> sorted = Percentiles.sorted(seconds);
        out.put("p50", sorted.isEmpty() ? 0.0 : round(Percentiles.nearestRank(sorted, 0.5)));
        out.put("max", sorted.isEmpty() ? 0.0 : round(Percentiles.nearestRank(sorted, 1.0)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private long longestWait(List<long[]> windows) {
        Map<String, Long> firstShownByDetection = new HashMap<>();
        for (ReceiverLog.Received r : receiver.byNotification.values()) {
            if (within(r.firstTime, windows)) {
                firstShownByDetection.merge(detectionOf(r.notificationId), r.firstTime, Math::min);
            }
        }
        Map<String, List<String>> triggers = new HashMap<>();
        Set<String> uids = new HashSet<>();
        AuditTrail.forEach(
                audit,
                AuditStage.DETECTIONS,
                (d, file) -> {
                    String id = d.path("detection_id").asText();
                    if (firstShownByDetection.containsKey(id)) {
                        List<String> list = new ArrayList<>();
                        d.path("event_uids").forEach(u -> list.add(u.asText()));
                        triggers.put(id, list);
                        uids.addAll(list);
                    }
                });
        Map<String, Long> arrival = new HashMap<>();
        AuditTrail.forEach(
                audit,
                AuditStage.EVENTS,
                (e, file) -> {
                    if (uids.contains(e.path("event_uid").asText())) {
                        arrival.merge(
                                e.path("event_uid").asText(),
                                e.path("ingest_time").asLong(),
                                Math::min);
                    }
                });
        long longest = 0;
        for (Map.Entry<String, List<String>> t : triggers.entrySet()) {
            long last =
                    t.getValue().stream()
                            .mapToLong(u -> arrival.getOrDefault(u, Long.MIN_VALUE))
                            .max()
                            .orElse(Long.MIN_VALUE);
            if (last != Long.MIN_VALUE) {
                longest = Math.max(longest, firstShownByDetection.get(t.getKey()) - last);
            }
        }
        return longest;
    }

    private static boolean within(long time, List<long[]> windows) {
        return windows.stream().anyMatch(w -> time >= w[0] && time <= w[1]);
    }

    /** Notification ids are {@code <detection id>:<channel>}. */
    static String detectionOf(String notificationId) {
        int colon = notificationId.indexOf(':');
        return colon < 0 ? notificationId : notificationId.substring(0, colon);
    }
}
