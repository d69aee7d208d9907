package io.securitycoach.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.normalize.EventNormalizer;
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
    private static final String NO_ID = "{\"ts\": 1, \"user\": \"ann@acme.example\"}";

    @TempDir Path audit;

    AuditLookup lookup;

    @BeforeEach
    void writeAnAuditTrail() throws Exception {
        write(
                AuditStage.RAW,
                "{\"org_id\":\"acme\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-2\\\"}\"}",
                "{\"org_id\":\"acme\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-9\\\"}\"}",
                "{\"org_id\":\"acme\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-22\\\", \\\"note\\\": \\\"see e-2\\\"}\"}",
                "{\"org_id\":\"globex\",\"vendor\":\"okta\",\"payload\":\"{\\\"uuid\\\":"
                        + " \\\"e-2\\\"}\"}",
                "{\"org_id\":\"acme\",\"vendor\":\"web-feed\",\"payload\":\""
                        + NO_ID.replace("\"", "\\\"")
                        + "\"}");
        write(
                AuditStage.EVENTS,
                "{\"org_id\":\"globex\",\"event_uid\":\"e-2\",\"event_time\":5000,\"user_id\":\"g-1\"}",
                "{\"org_id\":\"acme\",\"event_uid\":\"e-1\",\"event_time\":1000,\"user_id\":\"u-1\"}",
                "{\"org_id\":\"acme\",\"event_uid\":\"e-2\",\"event_time\":5000,\"user_id\":\"u-1\"}",
                "{\"org_id\":\"acme\",\"event_uid\":\"e-3\",\"event_time\":3000,\"user_id\":\"u-2\"}");
        write(
                AuditStage.DETECTIONS,
                "{\"detection_id\":\"d-late\",\"org_id\":\"acme\",\"user_id\":\"u-1\",\"rule_id\":\"gambling\","
                    + "\"event_time\":5000,\"event_uids\":[\"e-2\"]}",
                "{\"detection_id\":\"d-early\",\"org_id\":\"acme\",\"user_id\":\"u-1\",\"rule_id\":\"mfa\","
                    + "\"event_time\":1000,\"event_uids\":[\"e-1\"]}",
                "{\"detection_id\":\"d-globex\",\"org_id\":\"globex\",\"user_id\":\"g-1\",\"rule_id\":\"gambling\","
                    + "\"event_time\":5000,\"event_uids\":[\"e-2\"]}",
                "{\"detection_id\":\"d-other\",\"org_id\":\"acme\",\"user_id\":\"u-2\",\"rule_id\":\"gambling\","
                    + "\"event_time\":3000,\"event_uids\":[\"e-3\"]}");
        write(
                AuditStage.DELIVERIES,
                "{\"detection_id\":\"d-late\",\"channel\":\"slack\",\"status\":\"failed\",\"attempts\":4}",
                "{\"detection_id\":\"d-early\",\"channel\":\"teams\",\"status\":\"delivered\",\"attempts\":1}");
        write(
                AuditStage.DEAD_LETTERS,
                "{\"stage\":\"normalize\",\"org_id\":\"acme\",\"reason\":\"invalid_time\","
                        + "\"raw\":\"{\\\"uuid\\\": \\\"e-9\\\"}\"}",
                "{\"stage\":\"normalize\",\"org_id\":\"globex\",\"reason\":\"invalid_time\","
                        + "\"raw\":\"{\\\"uuid\\\": \\\"e-9\\\"}\"}");
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
    void traceFollowsOneEventThroughEveryStageOfItsOrgOnly() {
        JsonNode trace = lookup.trace("acme", "e-2");
        assertThat(trace.path("raw"))
                .as("not globex's e-2, not e-22 nor a text that mentions e-2")
                .hasSize(1);
        assertThat(trace.path("raw").get(0).path("org_id").asText()).isEqualTo("acme");
        assertThat(trace.path("events")).hasSize(1);
        assertThat(trace.path("events").get(0).path("user_id").asText()).isEqualTo("u-1");
        assertThat(trace.path("detections")).hasSize(1);
        assertThat(trace.path("detections").get(0).path("detection_id").asText())
                .isEqualTo("d-late");
        assertThat(trace.path("deliveries").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(trace.path("dead_letters")).isEmpty();

        JsonNode rejected = lookup.trace("acme", "e-9");
        assertThat(rejected.path("events")).as("never normalized").isEmpty();
        assertThat(rejected.path("dead_letters")).hasSize(1);
        assertThat(rejected.path("dead_letters").get(0).path("org_id").asText()).isEqualTo("acme");
    }

    @Test
    void anIdOfAnotherOrgIsNeverShown() {
        JsonNode trace = lookup.trace("initech", "e-2");
        for (String stage : new String[] {"raw", "events", "detections", "deliveries"}) {
            assertThat(trace.path(stage)).as(stage).isEmpty();
        }
        assertThat(lookup.trace("globex", "e-2").path("detections").get(0).path("user_id").asText())
                .isEqualTo("g-1");
    }

    @Test
    void aRecordWithoutAVendorIdIsFoundByTheHashItsEventUidIs() {
        String uid = EventNormalizer.hashedUid("web-feed", NO_ID);
        assertThat(lookup.trace("acme", uid).path("raw")).hasSize(1);
        assertThat(lookup.trace("acme", uid + ":1").path("raw")).as("one of its events").hasSize(1);
        assertThat(lookup.trace("acme", "web-feed:" + uid.substring(9, 20)).path("raw")).isEmpty();
    }

    private void write(String stage, String... lines) throws Exception {
        Path dir = Files.createDirectories(audit.resolve(stage).resolve("2026-11-20--09"));
        Files.writeString(dir.resolve("part-0-0.jsonl"), String.join("\n", lines) + "\n");
    }
}
