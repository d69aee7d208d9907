package io.securitycoach.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak's canary rule changes: every kind of rule change in turn, each a newer version, for the
 * org named.
 */
class ControlChangesTest {
    @Test
    void cyclesThroughEveryRuleChangeWithRisingVersions() throws IOException {
        List<String> types = new ArrayList<>();
        for (long n = 0; n < 6; n++) {
            JsonNode m = Json.mapper().readTree(ControlChanges.change("org-1", n));
            types.add(m.get("type").asText());
            assertThat(m.get("org_id").asText()).isEqualTo("org-1");
            if ("rule_upsert".equals(m.get("type").asText())) {
                assertThat(m.get("payload").asText())
                        .contains("org: org-1")
                        .contains("version: " + (n + 1))
                        .contains("soak-canary-never");
            } else {
                assertThat(m.get("version").asLong()).isEqualTo(n + 1);
                assertThat(m.get("rule_id").asText()).isEqualTo("soak-canary");
            }
        }
        assertThat(types)
                .containsExactly(
                        "rule_upsert",
                        "rule_disable",
                        "rule_enable",
                        "rule_stage",
                        "rule_promote",
                        "rule_upsert");
    }
}
