package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import io.securitycoach.validation.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
    private final RuleCompiler compiler = new RuleCompiler();

    private static RuleDefinition rule(String when) {
        RuleDefinition r = new RuleDefinition();
        r.orgId = "acme";
        r.ruleId = "r";
        r.version = 1;
        r.when = when;
        return r;
    }

    private static SecurityEvent webEvent(String category) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventClass = "web";
        e.urlCategory = category;
        e.action = "blocked";
        e.raw = RawFields.of(Map.of("dlpengine", "PCI"));
        return e;
    }

    private boolean matches(String when, SecurityEvent e, UserProfile u) throws Exception {
        return compiler.compile(rule(when))
                .matches(EventSchema.eventValue(e), EventSchema.userValue(u));
    }

    @Test
    void evaluatesConditionsOverEventAndUser() throws Exception {
        UserProfile finance = new UserProfile();
        finance.department = "Finance";
        finance.tags = new String[] {"vip"};
        String when =
                "event.class == 'web' && event.url_category == 'Gambling' && user.department =="
                        + " 'Finance'";
        assertThat(matches(when, webEvent("Gambling"), finance)).isTrue();
        assertThat(matches(when, webEvent("News"), finance)).isFalse();
        assertThat(matches(when, webEvent("Gambling"), null)).isFalse();
        assertThat(
                        matches(
                                "'vip' in user.tags && event.raw['dlpengine'] == 'PCI'",
                                webEvent("x"),
                                finance))
                .isTrue();
    }

    @Test
    void absentFieldsReadAsEmptyNotAsErrors() throws Exception {
        SecurityEvent bare = new SecurityEvent();
        assertThat(
                        matches(
                                "event.threat_name == '' && event.class_uid == 0 &&"
                                        + " !event.resolved",
                                bare,
                                null))
                .isTrue();
    }

    @Test
    void regexesRunOnRe2() throws Exception {
        SecurityEvent e = webEvent("x");
        e.url =
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
        // Catastrophic for a backtracking engine; linear on RE2/J.
        assertThat(matches("event.url.matches('^(a+)+$')", e, null)).isFalse();
    }

    @Test
    void unknownFieldIsRejectedWithItsPosition() {
        assertThatThrownBy(
                        () ->
                                compiler.compile(
                                        rule("event.class == 'web' && event.url_categroy == 'x'")))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        ex -> {
                            Problem err = ex.problems().get(0);
                            assertThat(err.path).isEqualTo("when");
                            assertThat(err.line).isEqualTo(1);
                            assertThat(err.column)
                                    .isEqualTo(
                                            30); // 1-based, at the "." selecting the unknown field
                            assertThat(err.message).contains("url_categroy");
                        });
    }

    @Test
    void typeErrorsAndNonBooleanResultsAreRejected() {
        assertThatThrownBy(() -> compiler.compile(rule("event.class_uid == 'web'")))
                .isInstanceOf(RuleRejectedException.class);
        assertThatThrownBy(() -> compiler.compile(rule("event.url")))
                .isInstanceOf(RuleRejectedException.class);
        assertThatThrownBy(() -> compiler.compile(rule("other.field == 1")))
                .isInstanceOf(RuleRejectedException.class)
                .hasMessageContaining("other");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "(".repeat(200) + "true" + ")".repeat(200);
        assertThatThrownBy(() -> compiler.compile(rule(deep)))
                .isInstanceOf(RuleRejectedException.class);
    }
}
