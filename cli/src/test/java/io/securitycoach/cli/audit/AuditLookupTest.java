package io.securitycoach.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * timeline and trace over an audit trail: a person's moments in time order, one event's way through
 * the stages.
 */
class AuditLookupTest {
    @TempDir Path audit;

    AuditLookup lookup;

    @BeforeEach
    void writeAnAuditTrail() throws Exception {
        write(
                AuditStage.RAW,
                "{\"org_id\":\"acme\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-2\\\"}\"}",
                "{\"org_id\":\"acme\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-9\\\"}\"}");
        write(
                AuditStage.EVENTS,
                "{\"org_id\":\"acme\",\"event_uid\":\"e-1\",\"event_time\":1000,\"user_id\":\"u-1\"}",
                "{\"org_id\":\"acme\",\"event_uid\":\"e-2\",\"event_time\":5000,\"user_id\":\"u-1\"}",
                "{\"org_id\":\"acme\",\"event_uid\":\"e-3\",\"event_time\":3000,\"user_id\":\"u-2\"}");
        write(
                AuditStage.DETECTIONS,
                "{\"detection_id\":\"d-late\",\"org_id\":\"acme\",\"user_id\":\"u-1\",\"rule_id\":\"gambling\","
                    + "\"event_time\":5000,\"event_uids\":[\"e-2\"]}",
                "{\"detection_id\":\"d-early\",\"org_id\":\"acme\",\"user_id\":\"u-1\",\"rule_id\":\"mfa\","
                    + "\"event_time\":1000,\"event_uids\":[\"e-1\"]}",
                "{\"detection_id\":\"d-other\",\"org_id\":\"acme\",\"user_id\":\"u-2\",\"rule_id\":\"gambling\","
                    + "\"event_time\":3000,\"event_uids\":[\"e-3\"]}");
        write(
                AuditStage.DELIVERIES,
                "{\"detection_id\":\"d-late\",\"channel\":\"slack\",\"status\":\"failed\",\"attempts\":4}",
                "{\"detection_id\":\"d-early\",\"channel\":\"teams\",\"status\":\"delivered\",\"attempts\":1}");
        write(
                AuditStage.DEAD_LETTERS,
                "{\"stage\":\"normalize\",\"reason\":\"invalid_time\",\"raw\":\"{\\\"uuid\\\":"
                        + " \\\"e-9\\\"}\"}");
        lookup = new AuditLookup(audit.toUri().toString());
    }

    @Test
    void timelineListsThePersonsMomentsInTimeOrderWithEventsAndDeliveries() {
        JsonNode moments = lookup.timeline("acme", "u-1").path("moments");
        assertThat(moments).hasSize(2);
        assertThat(moments.get(0).path("detection").path("detection_id").asText())
                .isEqualTo("d-early");
        assertThat(moments.get(0).path("events").get(0).path("event_uid").asText())
                .isEqualTo("e-1");
        assertThat(moments.get(0).path("deliveries").get(0).path("status").asText())
                .isEqualTo("delivered");
        assertThat(moments.get(1).path("deliveries").get(0).path("attempts").asInt()).isEqualTo(4);
        assertThat(lookup.timeline("globex", "u-1").path("moments"))
                .as("another org's u-1")
                .isEmpty();
    }

    @Test
    void traceFollowsOneEventThroughEveryStage() {
        JsonNode trace = lookup.trace("e-2");
        assertThat(trace.path("raw")).hasSize(1);
        assertThat(trace.path("events")).hasSize(1);
        assertThat(trace.path("detections").get(0).path("detection_id").asText())
                .isEqualTo("d-late");
        assertThat(trace.path("deliveries").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(trace.path("dead_letters")).isEmpty();

        JsonNode rejected = lookup.trace("e-9");
        assertThat(rejected.path("events")).as("never normalized").isEmpty();
        assertThat(rejected.path("dead_letters").get(0).path("reason").asText())
                .isEqualTo("invalid_time");
    }

    private void write(String stage, String... lines) throws Exception {
        Path dir = Files.createDirectories(audit.resolve(stage).resolve("2026-11-20--09"));
        Files.writeString(dir.resolve("part-0-0.jsonl"), String.join("\n", lines) + "\n");
    }
}
