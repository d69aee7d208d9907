package io.securitycoach.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on small hand-made runs: an input of three records, an audit trail, a reference audit
 * trail and a receiver log, each then broken in one way the soak must catch.
 */
class SoakCheckerTest {
    @TempDir Path dir;
    Path input;
    Path audit;
    Path reference;
    Path receiver;

    static final String A = "{\"uuid\":\"a\"}";
    static final String B = "{\"uuid\":\"b\"}";
    static final String BAD = "not json";

    @BeforeEach
    void aCleanRun() throws IOException {
        input = dir.resolve("input");
        audit = dir.resolve("audit");
        reference = dir.resolve("reference");
        receiver = dir.resolve("receiver.jsonl");
        write(input.resolve("org-0/okta/kinesis.jsonl"), A, B);
        write(input.resolve("org-0/zscaler/drop-0.jsonl"), BAD);
        for (Path root : List.of(audit, reference)) {
            write(
                    root.resolve("raw/org=org-0/part-0"),
                    raw(A, "kinesis:s/1"),
                    raw(B, "kinesis:s/2"));
            write(
                    root.resolve("raw/org=org-0/part-1"),
                    raw(BAD, "s3://coach/events/org-0/zscaler/drop-0.jsonl:1"));
            write(
                    root.resolve("events/part-0"),
                    "{\"event_uid\":\"a\",\"ingest_time\":1000}",
                    "{\"event_uid\":\"b\",\"ingest_time\":1000}");
            write(
                    root.resolve("dead_letters/part-0"),
                    "{\"stage\":\"normalize\",\"reason\":\"invalid_json\",\"origin\":\"x\"}");
            write(root.resolve("detections/part-0"), detection("d1", "u1", "a"));
        }
        write(
                audit.resolve("deliveries/part-0"),
                status("d1:slack", "d1", "delivered", null),
                status("d1:teams", "d1", "delivered", null));
        write(
                receiver,
                received("/slack/api/chat.postMessage", null, "d1:slack", 1500),
                received("/teams", "d1:teams", "d1:teams", 1600));
    }

    @Test
    void aCleanRunPassesWithItsFigures() throws IOException {
        SoakReport report = check();
        assertThat(report.violations).isEmpty();
        Path json = dir.resolve("soak.json");
        report.writeJson(json);
        JsonNode figures = Json.mapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "events_in",
                        "faults_injected",
                        "raw_audit_missing",
                        "raw_audit_duplicated",
                        "events_plus_dead_letters_equal_input",
                        "detections_reference",
                        "detections_missing",
                        "detections_extra",
                        "notifications_final",
                        "notifications_without_final_status",
                        "duplicate_deliveries_shown",
                        "kinesis_output_duplicates",
                        "recovery_seconds",
                        "max_event_to_notification_ms_during_faults");
        assertThat(figures.get("events_in").asLong()).isEqualTo(3);
        assertThat(figures.get("events_plus_dead_letters_equal_input").asBoolean()).isTrue();
        assertThat(figures.get("detections_reference").asLong()).isEqualTo(1);
        assertThat(figures.get("notifications_final").asLong()).isEqualTo(2);
        assertThat(figures.get("duplicate_deliveries_shown").toString())
                .isEqualTo("{\"slack\":0,\"teams\":0,\"webhook\":0}");
    }

    @Test
    void aRecordMissingFromTheRawAuditIsNamedWithItsInputFile() throws IOException {
        write(audit.resolve("raw/org=org-0/part-0"), raw(A, "kinesis:s/1"));
        SoakReport report = check();
        assertThat(report.rawAuditMissing).isEqualTo(1);
        assertThat(violation(report, "raw_audit_missing").records)
                .singleElement()
                .asString()
                .contains("org-0/okta/kinesis.jsonl:2")
                .contains("\"uuid\":\"b\"");
    }

    @Test
    void aRecordAuditedTwiceIsNamedWithBothFiles() throws IOException {
        write(audit.resolve("raw/org=org-0/part-2"), raw(B, "kinesis:s/2"));
        SoakReport report = check();
        assertThat(report.rawAuditDuplicated).isEqualTo(1);
        assertThat(violation(report, "raw_audit_duplicated").records)
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).contains("part-0"))
                .anySatisfy(r -> assertThat(r).contains("part-2"));
    }

    @Test
    void anEventAuditedTwiceBreaksEventsPlusDeadLetters() throws IOException {
        append(audit.resolve("events/part-0"), "{\"event_uid\":\"b\",\"ingest_time\":1000}");
        SoakReport report = check();
        assertThat(report.eventsPlusDeadLettersEqualInput).isFalse();
        assertThat(violation(report, "events_plus_dead_letters_not_input").records.get(0))
                .contains("1 repeated event uids");
    }

    @Test
    void anExtraAndAMissingDetectionAreNamedWithTheirFiles() throws IOException {
        write(
                reference.resolve("detections/part-0"),
                detection("d1", "u1", "a"),
                detection("d2", "u2", "b"));
        append(audit.resolve("detections/part-0"), detection("d3", "u3", "b"));
        append(
                audit.resolve("deliveries/part-0"),
                status("d3:slack", "d3", "skipped", "daily_cap"));
        SoakReport report = check();
        assertThat(report.detectionsMissing).isEqualTo(1);
        assertThat(report.detectionsExtra).isEqualTo(1);
        assertThat(violation(report, "detections_missing").records)
                .singleElement()
                .asString()
                .contains("d2")
                .contains(reference.resolve("detections/part-0").toString());
        assertThat(violation(report, "detections_extra").records)
                .singleElement()
                .asString()
                .contains("d3")
                .contains(audit.resolve("detections/part-0").toString());
    }

    @Test
    void theSameCoachingMomentTriggeredByOtherEventsIsNotLostNorExtra() throws IOException {
        write(reference.resolve("detections/part-0"), detection("d1-other-trigger", "u1", "b"));
        SoakReport report = check();
        assertThat(report.violations).isEmpty();
        assertThat(report.detectionsReordered).isEqualTo(1);
    }

    @Test
    void aNotificationWithoutFinalStatusFails() throws IOException {
        write(
                audit.resolve("deliveries/part-0"),
                status("d1:slack", "d1", "delivered", null),
                status("d1:slack", "d1", "failed", "http_503"));
        SoakReport report = check();
        assertThat(report.notificationsWithoutFinalStatus).isEqualTo(2);
        assertThat(violation(report, "notifications_with_several_statuses").records)
                .singleElement()
                .asString()
                .contains("d1:slack")
                .contains("2 statuses");
        assertThat(violation(report, "notifications_without_status").records)
                .singleElement()
                .asString()
                .contains("d1:teams")
                .contains(receiver + ":2");
    }

    @Test
    void aDetectionWithoutAnyStatusFails() throws IOException {
        write(audit.resolve("deliveries/part-0"), "");
        write(receiver, "");
        SoakReport report = check();
        assertThat(violation(report, "notifications_without_status").records)
                .singleElement()
                .asString()
                .contains("detection d1")
                .contains("no notification status");
    }

    @Test
    void aSkippedStatusWithoutReasonFails() throws IOException {
        write(
                audit.resolve("deliveries/part-0"),
                status("d1:slack", "d1", "delivered", null),
                status("d1:teams", "d1", "skipped", null));
        assertThat(violation(check(), "statuses_without_reason").records)
                .singleElement()
                .asString()
                .contains("d1:teams");
    }

    @Test
    void aTeamsMessageShownTwiceFailsWhileSlackRepeatsAreCounted() throws IOException {
        append(
                receiver,
                received("/teams", "d1:teams-again", "d1:teams", 1700),
                received("/slack/api/chat.postMessage", null, "d1:slack", 1800));
        SoakReport report = check();
        assertThat(report.duplicateDeliveriesShown)
                .isEqualTo(Map.of("slack", 1L, "teams", 1L, "webhook", 0L));
        assertThat(violation(report, "deliveries_shown_twice").records)
                .singleElement()
                .asString()
                .contains("teams d1:teams shown 2 times");
        assertThat(report.violations).hasSize(1);
    }

    @Test
    void aRepeatTheReceiverRecognisedIsNotShownAgain() throws IOException {
        append(
                receiver,
                "{\"time\":1700,\"path\":\"/teams\",\"idempotency_key\":\"d1:teams\",\"duplicate\":true,\"shown\":false,"
                    + "\"status\":200,\"body\":{\"notification_id\":\"d1:teams\"}}");
        assertThat(check().violations).isEmpty();
    }

    @Test
    void recoveryIsFromTheFaultsEndToTheNextCheckpoint() throws IOException {
        Path faults = dir.resolve("faults.jsonl");
        write(
                faults,
                new Fault("taskmanager_kill", 1000, 1200).toJson(),
                new Fault("s3_down", 1300, 1400).toJson(),
                new Fault("jobmanager_loss", 5000, 9000).toJson());
        Path checkpoints = dir.resolve("checkpoints.txt");
        write(checkpoints, "1100", "2200", "4400");
        SoakChecker.Inputs in = inputs();
        in.faults = faults;
        in.checkpointFiles = List.of(checkpoints);
        SoakReport report = SoakChecker.check(in);
        assertThat(report.faultsInjected)
                .containsOnly(
                        Map.entry("taskmanager_kill", 1L),
                        Map.entry("s3_down", 1L),
                        Map.entry("jobmanager_loss", 1L));
        assertThat(report.recoverySeconds).containsEntry("p50", 0.8).containsEntry("max", 1.0);
        assertThat(violation(report, "fault_not_recovered").records)
                .singleElement()
                .asString()
                .contains("jobmanager_loss");
        assertThat(report.maxEventToNotificationMsDuringFaults)
                .as("d1 shown at 1500, its event arrived at 1000")
                .isEqualTo(500);
    }

    @Test
    void checkpointCompletionsAreReadFromJobManagerLogs() throws IOException {
        Path log = dir.resolve("jobmanager.log");
        write(
                log,
                "2026-11-29 02:40:11,123 INFO "
                        + " CheckpointCoordinator - Completed"
                        + " checkpoint 5 for job 0123 (1234 bytes, checkpointDuration=80 ms,"
                        + " finalizationTime=1 ms).",
                "2026-11-29 02:40:12,000 INFO  something else");
        assertThat(CheckpointTimes.read(List.of(log))).hasSize(1);
    }

    @Test
    void kinesisOutputsMustHoldEveryAuditedRecordAndRepeatsAreCounted() throws IOException {
        Path outputs = dir.resolve("kinesis");
        write(
                outputs.resolve("detections.jsonl"),
                "{\"detection_id\":\"d1\"}",
                "{\"detection_id\":\"d1\"}");
        write(outputs.resolve("delivery-status.jsonl"), "{\"notification_id\":\"d1:slack\"}");
        SoakChecker.Inputs in = inputs();
        in.kinesisOutputs = outputs;
        SoakReport report = SoakChecker.check(in);
        assertThat(report.kinesisOutputDuplicates).isEqualTo(1);
        assertThat(violation(report, "kinesis_output_missing_deliveries").records)
                .singleElement()
                .asString()
                .contains("d1:teams");
    }

    private SoakReport check() {
        return SoakChecker.check(inputs());
    }

    private SoakChecker.Inputs inputs() {
        SoakChecker.Inputs in = new SoakChecker.Inputs();
        in.input = input;
        in.audit = audit;
        in.referenceAudit = reference;
        in.receiverLog = receiver;
        return in;
    }

    private static Violation violation(SoakReport report, String kind) {
        return report.violations.stream()
                .filter(v -> v.kind.equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + report.violations));
    }

    private static String raw(String payload, String origin) {
        return Json.write(
                Map.of(
                        "org_id",
                        "org-0",
                        "payload",
                        payload,
                        "origin",
                        origin,
                        "ingest_time",
                        1000));
    }

    private static String detection(String id, String user, String eventUid) {
        return "{\"detection_id\":\""
                + id
                + "\",\"org_id\":\"org-0\",\"rule_id\":\"r\",\"rule_version\":1,\"user_id\":\""
                + user
                + "\",\"mode\":\"live\",\"event_uids\":[\""
                + eventUid
                + "\"]}";
    }

    private static String status(
            String notification, String detection, String status, String reason) {
        return "{\"notification_id\":\""
                + notification
                + "\",\"detection_id\":\""
                + detection
                + "\",\"status\":\""
                + status
                + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + "}";
    }

    private static String received(String path, String key, String notification, long time) {
        String body =
                path.startsWith("/slack")
                        ? "{\"metadata\":{\"event_payload\":{\"notification_id\":\""
                                + notification
                                + "\"}}}"
                        : "{\"notification_id\":\"" + notification + "\"}";
        return "{\"time\":"
                + time
                + ",\"path\":\""
                + path
                + "\",\"idempotency_key\":"
                + (key == null ? "null" : "\"" + key + "\"")
                + ",\"duplicate\":false,\"shown\":true,\"status\":200,\"body\":"
                + body
                + "}";
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
