package io.securitycoach.soak;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis outputs are at least once: every audited detection is on the detections stream and
 * every audited delivery status on the delivery status stream; repeats (after a restore the sink
 * sends again what it sent after the last checkpoint) are counted, not failed.
 */
final class KinesisOutputCheck {
    private final Path audit;
    private final Path outputs;

    /**
     * @param outputs folder with detections.jsonl and delivery-status.jsonl (one stream record a
     *     line)
     */
    KinesisOutputCheck(Path audit, Path outputs) {
        this.audit = audit;
        this.outputs = outputs;
    }

    void run(SoakReport report) {
        report.kinesisOutputDuplicates =
                compare(report, AuditStage.DETECTIONS, "detections.jsonl", "detection_id")
                        + compare(
                                report,
                                AuditStage.DELIVERIES,
                                "delivery-status.jsonl",
                                "notification_id");
    }

    private long compare(SoakReport report, String stage, String streamFile, String idField) {
        Map<String, Integer> onStream = read(outputs.resolve(streamFile), idField);
        List<String> absent = new ArrayList<>();
        AuditTrail.forEach(
                audit,
                stage,
                (r, file) -> {
                    String id = r.path(idField).asText();
                    if (!onStream.containsKey(id)) {
                        absent.add(
                                id + " in " + file + " is not on " + outputs.resolve(streamFile));
                    }
                });
        if (!absent.isEmpty()) {
            report.violations.add(
                    new Violation("kinesis_output_missing_" + stage, absent.size(), absent));
        }
        return onStream.values().stream().mapToLong(n -> n - 1).sum();
    }

    private static Map<String, Integer> read(Path file, String idField) {
        Map<String, Integer> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.merge(Json.mapper().readTree(line).path(idField).asText(), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
