package io.securitycoach.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.RuleValues;
import io.securitycoach.validation.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Type-checks and compiles rule conditions against {@link EventSchema}. One instance per task is
 * enough: the CEL compiler and runtime are immutable and thread-safe.
 *
 * <p>Customer expressions are untrusted: their size and parse depth are bounded, every regex goes
 * through the {@link RegexGate} (a literal pattern, checked before RE2/J sees it), and a rule whose
 * estimated worst case ({@link RuleCost}) exceeds {@link RuleCost#MAX_STEPS} per event is refused;
 * at run time CEL stops an evaluation after {@link #MAX_COMPREHENSION_ITERATIONS} loop iterations.
 * A scope sees only {@code user}; conditions see {@code event} and {@code user}; nothing else is
 * declared, so a rule cannot reach another org's data or anything outside the event it is shown.
 */
public final class RuleCompiler {
    public static final int MAX_PARSE_DEPTH = CelEnvironment.MAX_PARSE_DEPTH;
    public static final int MAX_COMPREHENSION_ITERATIONS =
            CelEnvironment.MAX_COMPREHENSION_ITERATIONS;
    public static final int MAX_REGEX_PROGRAM_SIZE = RegexGate.MAX_PROGRAM_SIZE;
    public static final long MAX_COST_STEPS = RuleCost.MAX_STEPS;

    private final RegexGate gate = RegexGate.shared();
    private final CelCompiler conditions = CelEnvironment.conditions();
    private final CelCompiler scopes = CelEnvironment.scopes();
    private final CelRuntime runtime = CelEnvironment.runtime(gate);

    /**
     * Checks and compiles a parsed rule; the errors name the field and the position in the
     * expression.
     */
    public CompiledRule compile(RuleDefinition rule) throws RuleRejectedException {
        List<Problem> errors = new ArrayList<>();
        Totals cost = new Totals();
        CelAbstractSyntaxTree when = check(conditions, rule.when, "when", errors, cost);
        CelAbstractSyntaxTree scope =
                rule.scope == null ? null : check(scopes, rule.scope, "scope", errors, cost);
        List<CelAbstractSyntaxTree> steps = new ArrayList<>();
        for (int i = 0; i < rule.sequenceSteps.length; i++) {
            steps.add(
                    check(
                            conditions,
                            rule.sequenceSteps[i],
                            "sequence.steps[" + i + "]",
                            errors,
                            cost));
        }
        if (errors.isEmpty() && cost.steps > RuleCost.MAX_STEPS) {
            errors.add(
                    Problem.at(
                            rule.isSequence() ? "sequence" : "when",
                            tooCostly(cost.steps, "together", cost.costliest)));
        }
        if (!errors.isEmpty()) {
            throw new RuleRejectedException(errors);
        }
        try {
            CelRuntime.Program[] stepPrograms = new CelRuntime.Program[steps.size()];
            RuleFilters[] stepFilters = new RuleFilters[steps.size()];
            for (int i = 0; i < stepPrograms.length; i++) {
                stepPrograms[i] = runtime.createProgram(steps.get(i));
                stepFilters[i] = RuleFilters.of(steps.get(i).getExpr());
            }
            return new CompiledRule(
                    rule,
                    runtime.createProgram(when),
                    scope == null ? null : runtime.createProgram(scope),
                    stepPrograms,
                    RuleFilters.of(when.getExpr()),
                    stepFilters);
        } catch (CelEvaluationException e) {
            throw new RuleRejectedException(List.of(Problem.at("when", e.getMessage())));
        }
    }

    /**
     * Type-checks one expression, then its regexes and its cost (added to {@code cost[0]}); null on
     * errors.
     */
    private CelAbstractSyntaxTree check(
            CelCompiler compiler,
            String expression,
            String field,
            List<Problem> errors,
            Totals cost) {
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(expression).getAst();
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors()) {
                errors.add(
                        Problem.at(
                                field,
                                issue.getSourceLocation().getLine(),
                                issue.getSourceLocation().getColumn() + 1,
                                issue.getMessage()));
            }
            return null;
        }
        int before = errors.size();
        RegexArguments.check(ast, field, gate, errors);
        if (errors.size() > before) {
            return null;
        }
        RuleCost.Estimate estimate = RuleCost.of(ast, gate);
        if (estimate.steps > RuleCost.MAX_STEPS) {
            errors.add(
                    Problem.at(field, tooCostly(estimate.steps, "alone", estimate.costliestPart)));
        }
        cost.add(field, estimate);
        return ast;
    }

    /** The expressions' estimates added up, and the costliest part among them. */
    private static final class Totals {
        long steps;
        String costliest = "";
        private long costliestSteps = -1;

        void add(String field, RuleCost.Estimate estimate) {
            steps = Math.min(ValueBound.SATURATED, steps + estimate.steps);
            if (estimate.steps > costliestSteps && !estimate.costliestPart.isEmpty()) {
                costliestSteps = estimate.steps;
                costliest = field + ": " + estimate.costliestPart;
            }
        }
    }

    private static String tooCostly(long steps, String how, String part) {
        return String.format(
                "estimated worst case %,d steps per event %s, at most %,d; the costliest part: %s."
                    + " Rules read at most %,d characters of a text and %,d elements of a list or"
                    + " map: contains costs the two lengths multiplied, matches its program size x"
                    + " the characters it reads, + and size the characters they copy or count, and"
                    + " exists/all/map/filter repeat their body once per element, at most %,d times"
                    + " (compare with literals: ==, in, startsWith, contains(\"...\"); keep matches"
                    + " out of loops)",
                steps,
                how,
                RuleCost.MAX_STEPS,
                part,
                RuleValues.MAX_STRING_CHARS,
                RuleValues.MAX_ELEMENTS,
                MAX_COMPREHENSION_ITERATIONS);
    }

    /** Parses and compiles in one step, as the CLI and the control stream need. */
    public CompiledRule parseAndCompile(String text, String source) throws RuleRejectedException {
        return compile(RuleParser.parse(text, source));
    }
}
