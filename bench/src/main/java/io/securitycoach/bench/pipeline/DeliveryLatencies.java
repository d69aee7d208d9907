package io.securitycoach.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the receiver's record (answer time per shown message, keyed by notification id) with the
 * audit trail's detections (their events' ids) and the source's emission times.
 */
final class DeliveryLatencies {
    private static final Pattern RECORD_NUMBER = Pattern.compile("gen-\\d+-(\\d+)");

    private DeliveryLatencies() {}

    /**
     * Each notification's answer time, latency and the part of it after detection (ms). Also writes
     * {@code csv}: the same per notification, to set against checkpoints.
     */
    static List<long[]> read(Path audit, Path receiverRecord, Map<Long, Long> emitted, Path csv)
            throws IOException {
        Map<String, long[]> sourceMillis = detectionSourceTimes(audit, emitted);
        List<long[]> latencies = new ArrayList<>();
        StringBuilder lines = new StringBuilder("answered_at_ms,latency_ms,after_detection_ms\n");
        for (String line : Files.readAllLines(receiverRecord, StandardCharsets.UTF_8)) {
            JsonNode r = Json.mapper().readTree(line);
            String key = r.path("idempotency_key").asText("");
            if (!r.path("shown").asBoolean() || key.lastIndexOf(':') < 0) {
                continue;
            }
            long[] times = sourceMillis.get(key.substring(0, key.lastIndexOf(':')));
            if (times != null) {
                long answered = r.path("time").asLong();
                long[] n = {answered, answered - times[0], answered - times[1]};
                latencies.add(n);
                lines.append(n[0]).append(',').append(n[1]).append(',').append(n[2]).append('\n');
            }
        }
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        return latencies;
    }

    /** Detection id -> when the last of its events left the source, and when it was detected. */
    private static Map<String, long[]> detectionSourceTimes(Path audit, Map<Long, Long> emitted) {
        Map<String, long[]> times = new HashMap<>();
        AuditTrail.forEach(
                audit,
                AuditStage.DETECTIONS,
                (d, file) -> {
                    long last = lastEmission(d.path("event_uids"), emitted);
                    if (last > 0) {
                        times.put(
                                d.path("detection_id").asText(),
                                new long[] {last, d.path("detect_time").asLong()});
                    }
                });
        return times;
    }

    private static long lastEmission(JsonNode uids, Map<Long, Long> emitted) {
        long last = 0;
        for (JsonNode uid : uids) {
            Matcher m = RECORD_NUMBER.matcher(uid.asText());
            if (m.find()) {
                last = Math.max(last, emitted.getOrDefault(Long.parseLong(m.group(1)), 0L));
            }
        }
        return last;
    }
}
