package io.securitycoach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
    @Test
    void rawLinesAreExactlyWhatJacksonWritesForTheRecord() throws Exception {
        RawEvent[] records = {
            new RawEvent(
                    "acme",
                    "okta",
                    "{\"uuid\": \"a\\\"b\", \"x\": [1, 2]}",
                    "file:/x.jsonl:3",
                    1_700_000_000_000L),
            new RawEvent(
                    "acme",
                    "auto",
                    "not json \u0001 \t\n \u00e9\u4e2d \ud83d\ude00 </script> \\",
                    null,
                    0),
            new RawEvent(null, null, null, null, -5),
            new RawEvent("globex", "zscaler", "", "kinesis:s/1", Long.MAX_VALUE),
        };
        for (RawEvent r : records) {
            AuditRecord line = AuditStage.raw().map(r);
            assertThat(line.text()).isEqualTo(Json.write(r));
            assertThat(line.bytes()).isEqualTo(Json.write(r).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eventLinesLeaveOutTheRawFieldsTheRawStageHolds() throws Exception {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventUid = "u1";
        e.eventClass = "web";
        e.raw = RawFields.of(Map.of("urlcategory", "Gambling"));
        e.userId = "alice";
        e.user = new UserProfile();
        e.user.department = "Finance";
        JsonNode line = Json.mapper().readTree(AuditStage.events().map(e).text());
        assertThat(line.has("raw")).isFalse();
        assertThat(line.get("class").asText()).isEqualTo("web");
        assertThat(line.get("user_id").asText()).isEqualTo("alice");
        assertThat(line.at("/user/department").asText()).isEqualTo("Finance");
        JsonNode full = Json.mapper().readTree(Json.write(e));
        assertThat(full.has("raw")).as("other JSON of events keeps raw").isTrue();
    }
}
