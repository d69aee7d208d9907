package io.securitycoach.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.RuleValues;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import io.securitycoach.validation.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 28, finding 2: the validator's estimate is an upper bound of the work a rule really does on
 * an event, whatever the event holds. Generated rules (seeded) are evaluated on the largest inputs
 * a tenant can send (every text 100,000 characters of 'a', the worst case of a substring search;
 * 300 raw fields and tags), with CEL's trace counting the work ({@link MeasuredWork}); no timing.
 */
class RuleCostBoundTest {
    private static final long SEED = 28;
    private static final int RULES = 2_000;
    private static final String HUGE = "a".repeat(100_000);

    private final RegexGate gate = RegexGate.shared();
    private final CelRuntime runtime = CelEnvironment.runtime(gate);

    @Test
    void theEstimateBoundsTheMeasuredWorkOfEveryGeneratedRuleOnMaximalInputs() throws Exception {
        RuleGenerator generator = new RuleGenerator(SEED);
        Map<String, Object> event = EventSchema.eventValue(maximalEvent());
        Map<String, Object> user = EventSchema.userValue(maximalUser());
        int evaluated = 0;
        int refused = 0;
        long mostMeasured = 0;
        for (int i = 0; i < RULES; i++) {
            String when = generator.condition(4, null);
            CelAbstractSyntaxTree ast = compile(when);
            if (ast == null) {
                continue;
            }
            long estimate = RuleCost.of(ast, gate).steps;
            if (estimate > RuleCost.MAX_STEPS) {
                refused++;
                continue;
            }
            MeasuredWork work = measure(ast, event, user);
            assertThat(work.steps).as("measured work of %s", when).isLessThanOrEqualTo(estimate);
            assertThat(work.longestText)
                    .as("texts in %s", when)
                    .isLessThanOrEqualTo(RuleValues.MAX_STRING_CHARS);
            assertThat(work.largestCollection)
                    .as("read by %s", when)
                    .isLessThanOrEqualTo(RuleValues.MAX_ELEMENTS);
            mostMeasured = Math.max(mostMeasured, work.steps);
            evaluated++;
        }
        assertThat(evaluated).as("rules within the budget, evaluated").isGreaterThan(RULES / 4);
        assertThat(refused).as("rules over the budget").isGreaterThan(RULES / 20);
        assertThat(mostMeasured)
                .as("the costliest evaluation does real work")
                .isGreaterThan(RuleCost.MAX_STEPS / 10);
    }

    @Test
    void aStringFunctionOfTwoFieldsIsRefusedWithItsPlaceAndPrice() {
        RuleDefinition r = rule("event.url.contains(event.threat_name)");
        assertThatThrownBy(() -> new RuleCompiler().compile(r))
                .isInstanceOfSatisfying(
                        RuleRejectedException.class,
                        e ->
                                assertThat(e.problems().get(0).toString())
                                        .startsWith("when: estimated worst case")
                                        .contains(
                                                "the costliest part: contains at 1:19, up to"
                                                        + " 16,777,216 steps",
                                                "at most 4,096 characters of a text"));
    }

    @Test
    void aStringFunctionWithALiteralIsPricedByTheLiteral() throws Exception {
        new RuleCompiler()
                .compile(rule("event.url.contains('evil') && event.url != event.message"));
        assertThat(
                        RuleCost.of(
                                        CelEnvironment.conditions()
                                                .compile("event.url.contains('evil')")
                                                .getAst(),
                                        gate)
                                .steps)
                .as("4,096 start positions x 4 characters, and 4 nodes")
                .isEqualTo(4_096L * 4 + 4 * RuleCost.NODE_STEPS);
    }

    @Test
    void everyValueARuleReadsIsCut() throws Exception {
        CompiledRule r =
                new RuleCompiler()
                        .compile(
                                rule(
                                        "event.url.size() == 4096 && event.raw.size() == 256"
                                                + " && event.raw.k7.size() == 4096"
                                                + " && user.tags.size() == 256"
                                                + " && user.tags.all(t, t.size() == 4096)"
                                                + " && user.email.size() == 4096"));
        assertThat(
                        r.matches(
                                EventSchema.eventValue(maximalEvent()),
                                EventSchema.userValue(maximalUser())))
                .isTrue();
    }

    private static RuleDefinition rule(String when) {
        RuleDefinition r = new RuleDefinition();
        r.orgId = "acme";
        r.ruleId = "r";
        r.version = 1;
        r.when = when;
        return r;
    }

    private CelAbstractSyntaxTree compile(String when) {
        try {
            CelAbstractSyntaxTree ast = CelEnvironment.conditions().compile(when).getAst();
            List<Problem> errors = new ArrayList<>();
            RegexArguments.check(ast, "when", gate, errors);
            return errors.isEmpty() ? ast : null;
        } catch (CelValidationException e) {
            throw new AssertionError("the generator wrote an invalid rule: " + when, e);
        }
    }

    private MeasuredWork measure(
            CelAbstractSyntaxTree ast, Map<String, Object> event, Map<String, Object> user)
            throws Exception {
        Map<String, Object> vars = new HashMap<>();
        vars.put("event", event);
        vars.put("user", user);
        MeasuredWork work = new MeasuredWork();
        try {
            runtime.createProgram(ast).trace(vars, work);
        } catch (CelEvaluationException e) {
            // a value too large for +, a missing key, the iteration limit: the work up to there
            // counts
        }
        return work;
    }

    /** Every text field, raw value and tag far beyond the cut. */
    static SecurityEvent maximalEvent() {
        SecurityEvent e = new SecurityEvent();
        e.orgId = HUGE;
        e.url = HUGE;
        e.threatName = HUGE;
        e.message = HUGE;
        e.commandLine = HUGE;
        e.actorEmail = HUGE;
        e.fileName = HUGE;
        e.eventTime = 1_700_000_000_000L;
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < RuleGenerator.RAW_KEYS; i++) {
            raw.put("k" + i, HUGE);
        }
        e.raw = RawFields.of(raw);
        return e;
    }

    static UserProfile maximalUser() {
        UserProfile u = new UserProfile();
        u.email = HUGE;
        u.department = HUGE;
        u.title = HUGE;
        u.tags = new String[RuleGenerator.RAW_KEYS];
        Arrays.fill(u.tags, HUGE);
        return u;
    }
}
