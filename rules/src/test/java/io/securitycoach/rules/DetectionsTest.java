package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import org.junit.jupiter.api.Test;

class DetectionsTest {
    @Test
    void idIsDeterministicAndDependsOnEveryPart() {
        String id = Detections.id("acme", "r", 1, "u-1", "e-1");
        assertThat(id).hasSize(32).isEqualTo(Detections.id("acme", "r", 1, "u-1", "e-1"));
        assertThat(id)
                .isNotEqualTo(Detections.id("globex", "r", 1, "u-1", "e-1"))
                .isNotEqualTo(Detections.id("acme", "r", 2, "u-1", "e-1"))
                .isNotEqualTo(Detections.id("acme", "r", 1, "u-2", "e-1"))
                .isNotEqualTo(Detections.id("acme", "r", 1, "u-1", "e-2"));
    }

    @Test
    void carriesRuleUserAndTriggeringEvent() {
        RuleDefinition rule = new RuleDefinition();
        rule.orgId = "acme";
        rule.ruleId = "gambling";
        rule.version = 3;
        rule.severity = "low";
        rule.coachModule = "m";
        rule.coachChannels = new String[] {"slack"};
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventUid = "evt-9";
        e.eventClass = "web";
        e.urlHost = "bet.example";
        e.urlCategory = "Gambling";
        e.action = "allowed";
        e.userId = "u-1";
        e.user = new UserProfile();
        e.user.email = "alice@acme.com";
        e.user.firstName = "Alice";
        Detection d = Detections.of(rule, e, 1000L);
        assertThat(d.eventUids).containsExactly("evt-9");
        assertThat(d.userEmail).isEqualTo("alice@acme.com");
        assertThat(d.firstName).isEqualTo("Alice");
        assertThat(d.ruleVersion).isEqualTo(3);
        assertThat(d.summary).isEqualTo("You opened bet.example (Gambling).");
        assertThat(d.detectionId).isEqualTo(Detections.id("acme", "gambling", 3, "u-1", "evt-9"));
    }
}
