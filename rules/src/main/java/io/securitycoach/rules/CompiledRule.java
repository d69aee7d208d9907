package io.securitycoach.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A rule ready to evaluate: its definition and its compiled CEL programs. Never stored in state.
 */
public final class CompiledRule {
    private final RuleDefinition definition;
    private final CelRuntime.Program when;
    private final CelRuntime.Program scope;
    private final CelRuntime.Program[] steps;
    private final RuleFilters filters;

    /** What each sequence step requires of event fields: a step the event fails is not run. */
    private final RuleFilters[] stepFilters;

    CompiledRule(
            RuleDefinition definition,
            CelRuntime.Program when,
            CelRuntime.Program scope,
            CelRuntime.Program[] steps,
            RuleFilters filters,
            RuleFilters[] stepFilters) {
        this.definition = definition;
        this.when = when;
        this.scope = scope;
        this.steps = steps;
        this.filters = filters;
        this.stepFilters = stepFilters;
    }

    /** The same rule running every expression on every event (tests compare the two). */
    CompiledRule withoutFilters() {
        RuleFilters[] none = new RuleFilters[steps.length];
        Arrays.fill(none, RuleFilters.NONE);
        return new CompiledRule(definition, when, scope, steps, RuleFilters.NONE, none);
    }

    public RuleDefinition definition() {
        return definition;
    }

    /** What the condition requires of event fields: how the rule is indexed. */
    public RuleFilters filters() {
        return filters;
    }

    /**
     * Whether the event passes the rule's condition (and scope): for a plain rule, a detection; for
     * a threshold, one more to count; for a sequence, a candidate for its steps.
     *
     * @throws RuleEvaluationException when an expression fails at run time (e.g. an overflow, or
     *     its loops ran past {@link RuleCompiler#MAX_COMPREHENSION_ITERATIONS})
     */
    public boolean matches(Map<String, Object> event, Map<String, Object> user)
            throws RuleEvaluationException {
        CelVariableResolver vars = vars(event, user);
        if (scope != null && !eval(scope, vars, "scope", -1)) {
            return false;
        }
        return filters.admits(event) && eval(when, vars, "when", -1);
    }

    /** The sequence steps the event matches, as a bit set (bit i = step i). */
    public int matchingSteps(Map<String, Object> event, Map<String, Object> user)
            throws RuleEvaluationException {
        CelVariableResolver vars = vars(event, user);
        int mask = 0;
        for (int i = 0; i < steps.length; i++) {
            if (stepFilters[i].admits(event) && eval(steps[i], vars, "sequence.steps", i)) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /**
     * The two variables a rule reads, resolved by name: CEL copies a map of variables into one of
     * its own for every program it runs.
     */
    private static CelVariableResolver vars(Map<String, Object> event, Map<String, Object> user) {
        return name ->
                "event".equals(name)
                        ? Optional.of(event)
                        : "user".equals(name) ? Optional.of(user) : Optional.empty();
    }

    /**
     * @param step the sequence step's index, or -1 for {@code when} and {@code scope}
     */
    private boolean eval(
            CelRuntime.Program program, CelVariableResolver vars, String field, int step)
            throws RuleEvaluationException {
        try {
            return Boolean.TRUE.equals(program.eval(vars));
        } catch (CelEvaluationException e) {
            throw RuleEvaluationException.of(where(field, step) + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a failure inside the rule language: it must cost this rule, never the operator
            throw new RuleEvaluationException(where(field, step) + e, e, true);
        }
    }

    /** Names the rule and field in an error (built only when one happens: evaluations are hot). */
    private String where(String field, int step) {
        return definition.key()
                + " v"
                + definition.version
                + " "
                + field
                + (step < 0 ? "" : "[" + step + "]")
                + ": ";
    }
}
