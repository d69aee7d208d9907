package io.securitycoach.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStatusTest {
    @Test
    void theJsonKeepsTheKeysOfTheAuditsRuleStatusLines() {
        ControlStatus s =
                ControlStatus.rejected(
                        ControlRequest.parser("acme", "feed-x", 3, "feed-x.yaml", 42),
                        2,
                        List.of("fields: missing"));
        assertThat(Json.write(s))
                .isEqualTo(
                        "{\"org_id\":\"acme\",\"rule_id\":\"feed-x\",\"version\":3,\"status\":\"rejected\",\"active_version\":2,\"errors\":[\"fields:"
                            + " missing\"],\"source\":\"feed-x.yaml\",\"time\":42}");
    }

    @Test
    void eachFactorySaysWhatIsLiveAfterTheMessage() {
        ControlRequest r = ControlRequest.rule("acme", "g", 5, "api", 7);
        assertThat(ControlStatus.accepted(r))
                .satisfies(
                        s -> {
                            assertThat(s.status).isEqualTo(ControlStatus.ACCEPTED);
                            assertThat(s.activeVersion).isEqualTo(5);
                            assertThat(s.kind).isEqualTo(ControlStatus.Kind.RULE);
                        });
        assertThat(ControlStatus.stale(r, 6).errors)
                .containsExactly("version 5 is not newer than the live version 6");
        assertThat(ControlStatus.deleted(r).activeVersion).isZero();
        assertThat(ControlStatus.disabled(r, "boom").errors)
                .containsExactly("disabled at run time: boom");
        ControlStatus ready = ControlStatus.ready("rules/", 7);
        assertThat(ready.orgId).isNull();
        assertThat(ready.status).isEqualTo(ControlStatus.READY);
        ControlStatus feed =
                ControlStatus.feedHealth(
                        "acme", "okta", "feed_health", "unhealthy: ...", "feed-health", 7);
        assertThat(feed.subjectId).isEqualTo("feed/okta");
        assertThat(feed.kind).isEqualTo(ControlStatus.Kind.FEED_HEALTH);
    }
}
