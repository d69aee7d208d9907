package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import io.securitycoach.validation.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12, findings 1 and 10: regexes through the gate, macros enabled, worst case bounded. */
class RuleRegexAndCostTest {
    private final RuleCompiler compiler = new RuleCompiler();

    private static RuleDefinition rule(String when) {
        RuleDefinition r = new RuleDefinition();
        r.orgId = "acme";
        r.ruleId = "r";
        r.version = 1;
        r.when = when;
        return r;
    }

    private static SecurityEvent event(String url) {
        SecurityEvent e = new SecurityEvent();
        e.orgId = "acme";
        e.eventClass = "web";
        e.url = url;
        e.raw = RawFields.of(Map.of("dlpengine", "PCI"));
        return e;
    }

    private static UserProfile user(String... tags) {
        UserProfile u = new UserProfile();
        u.department = "Finance";
        u.tags = tags;
        return u;
    }

    private boolean matches(String when, SecurityEvent e, UserProfile u) throws Exception {
        return compiler.compile(rule(when))
                .matches(EventSchema.eventValue(e), EventSchema.userValue(u));
    }

    private Problem rejected(String when) {
        try {
            compiler.compile(rule(when));
        } catch (RuleRejectedException e) {
            return e.problems().get(0);
        }
        throw new AssertionError("accepted: " + when);
    }

    @Test
    void aRegexThatExpandsBeyondTheLimitIsRefusedAtValidationWithItsPosition() {
        // accepted before, then OutOfMemoryError at the first event: RE2/J expanded it while
        // compiling
        Problem err =
                rejected(
                        "event.class == 'web' &&\n"
                                + "  event.url.matches(\"((a{1000}){1000}){1000}\")");
        assertThat(err.path).isEqualTo("when");
        assertThat(err.line).isEqualTo(2);
        assertThat(err.column).isEqualTo(21);
        assertThat(err.message)
                .contains("too large once its repetitions are expanded", "at most 1000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "event.url.matches(event.message)",
                "matches(event.url, user.department)",
                "event.url.matches('^' + user.department)"
            })
    void aPatternThatIsNotALiteralIsRefused(String when) {
        assertThat(rejected(when).message).contains("must be a string literal");
    }

    @Test
    void anInvalidPatternIsRefusedWithRe2sReason() {
        assertThat(rejected("event.url.matches('(unclosed')").message)
                .contains("invalid RE2 regex", "missing");
    }

    @Test
    void matchesKeepsCelsMeaningInBothForms() throws Exception {
        SecurityEvent e = event("https://evil.example/login");
        assertThat(matches("event.url.matches('evil\\\\.example')", e, null)).isTrue();
        assertThat(matches("matches(event.url, '^https://evil')", e, null)).isTrue();
        assertThat(matches("event.url.matches('^evil')", e, null)).isFalse();
    }

    @Test
    void aMatchReadsTheFirst4KiBOfTheText() throws Exception {
        String head = "x".repeat(RegexGate.MAX_INPUT_CHARS);
        assertThat(matches("event.url.matches('^x+$')", event(head), null)).isTrue();
        assertThat(matches("event.url.matches('needle')", event(head + "needle"), null)).isFalse();
    }

    @Test
    void aPatternIsCompiledOnceAndShared() throws Exception {
        compiler.compile(rule("event.url.matches('^shared-[0-9]+')"));
        assertThat(RegexGate.shared().compile("^shared-[0-9]+"))
                .isSameAs(RegexGate.shared().compile("^shared-[0-9]+"));
    }

    @Test
    void macrosAreEnabled() throws Exception {
        SecurityEvent e = event("u");
        UserProfile vip = user("vip", "travel");
        assertThat(matches("has(event.raw.dlpengine) && !has(event.raw.nothing)", e, vip)).isTrue();
        assertThat(matches("user.tags.exists(t, t == 'vip')", e, vip)).isTrue();
        assertThat(matches("user.tags.all(t, t.size() > 2)", e, vip)).isTrue();
        assertThat(matches("user.tags.exists_one(t, t.startsWith('v'))", e, vip)).isTrue();
        assertThat(matches("user.tags.map(t, t + '!').exists(t, t == 'vip!')", e, vip)).isTrue();
        assertThat(matches("user.tags.filter(t, t != 'vip') == ['travel']", e, vip)).isTrue();
        assertThat(matches("user.tags.map(t, t != 'vip', t.size()) == [6]", e, vip)).isTrue();
    }

    @Test
    void aRegexInsideALoopIsRefusedForItsWorstCase() {
        // 1,000 iterations x (program x 4,096 characters): tens of millions of steps per event
        Problem err = rejected("user.tags.exists(t, t.matches('^vip'))");
        assertThat(err.path).isEqualTo("when");
        assertThat(err.message).contains("estimated worst case", "at most 2,048,000");
    }

    @Test
    void ordinaryRulesAreWellWithinTheBudget() throws Exception {
        compiler.compile(
                rule(
                        "user.tags.exists(t, t.startsWith('vip'))"
                                + " && event.url.matches('(?i)(winword|excel)\\\\.exe')"));
    }

    @Test
    void aRuleWhoseExpressionsAreTooCostlyTogetherIsRefused() {
        // each about 830,000 steps (202 instructions x 4,096 characters), three of them over
        // 2,048,000
        RuleDefinition r = rule("event.url.matches('[a-z]{200}')");
        r.scope = "user.department.matches('[a-z]{200}')";
        r.sequenceSteps = new String[] {"event.message.matches('[0-9]{200}')", "true"};
        r.sequenceWindowMillis = 60_000;
        assertThatThrownBy(() -> compiler.compile(r))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        ex -> assertThat(ex.problems().get(0).message).contains("together"));
    }

    @Test
    void aLoopWithALargeBodyIsRefusedForItsWorstCase() {
        // 256 iterations (user.tags is cut to 256 elements) of a body of ~600 nodes: about 2.5
        // million steps (each node ~16 regex steps)
        String body = "t != 'x'" + " && t != 'x'".repeat(150);
        assertThat(rejected("user.tags.exists(t, " + body + ")").message)
                .contains("estimated worst case");
        assertThat(rejected("user.tags.exists(t, " + body + ")").path).isEqualTo("when");
    }

    @Test
    void concatenationIsBoundedAtValidationAndAtRunTime() throws Exception {
        // 1 MiB fields concatenated in a loop or a chain would build values until the heap is gone
        assertThat(rejected("bytes(event.url) + bytes(event.url) == b''").message)
                .contains("no matching overload");
        CompiledRule twice =
                compiler.compile(
                        rule("[1, 2, 3].map(x, event.url + event.url).exists(s, s.size() > 4)"));
        assertThat(
                        twice.matches(
                                EventSchema.eventValue(event("abc")),
                                EventSchema.userValue(user())))
                .isTrue();
        SecurityEvent huge = event("x".repeat(3_000));
        assertThatThrownBy(
                        () ->
                                twice.matches(
                                        EventSchema.eventValue(huge),
                                        EventSchema.userValue(user())))
                .isInstanceOfSatisfying(
                        RuleEvaluationException.class,
                        e -> {
                            assertThat(e.getMessage()).contains("a string over 4096 characters");
                            assertThat(e.disablesRule())
                                    .as("the event's values are too large, not the rule")
                                    .isFalse();
                        });
    }

    @Test
    void loopsStopAtTheIterationLimitAtRunTime() throws Exception {
        String forty = "[" + "1,".repeat(39) + "1]";
        CompiledRule r = compiler.compile(rule(forty + ".all(x, " + forty + ".all(y, x == y))"));
        // 1,600 iterations in one evaluation: CEL stops at 1,000, the rule fails instead of running
        // on
        assertThatThrownBy(
                        () ->
                                r.matches(
                                        EventSchema.eventValue(event("u")),
                                        EventSchema.userValue(user())))
                .isInstanceOfSatisfying(
                        RuleEvaluationException.class,
                        e -> {
                            assertThat(e.getMessage()).contains("Iteration budget exceeded");
                            assertThat(e.disablesRule()).isTrue();
                        });
    }
}
