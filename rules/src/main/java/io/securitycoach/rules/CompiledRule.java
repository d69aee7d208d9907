package io.securitycoach.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.HashMap;
import java.util.Map;

/** A rule ready to evaluate: its definition and its compiled CEL program. Never stored in state. */
public final class CompiledRule {
    private final RuleDefinition definition;
    private final CelRuntime.Program program;

    CompiledRule(RuleDefinition definition, CelRuntime.Program program) {
        this.definition = definition;
        this.program = program;
    }

    public RuleDefinition definition() {
        return definition;
    }

    /**
     * Evaluates the condition on values built by {@link io.securitycoach.schema.EventSchema}.
     *
     * @throws RuleEvaluationException when the expression fails at run time (e.g. an overflow)
     */
    public boolean matches(Map<String, Object> event, Map<String, Object> user) throws RuleEvaluationException {
        Map<String, Object> vars = new HashMap<>(4);
        vars.put("event", event);
        vars.put("user", user);
        try {
            return Boolean.TRUE.equals(program.eval(vars));
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(definition.key() + " v" + definition.version + ": " + e.getMessage(), e);
        }
    }
}
