package io.securitycoach.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.securitycoach.schema.EventSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Type-checks and compiles rule conditions against {@link EventSchema}. One instance per task is
 * enough: the CEL compiler and runtime are immutable and thread-safe.
 *
 * <p>Customer expressions are untrusted: their size, parse depth, comprehension iterations and regex
 * program size are bounded; CEL regexes run on RE2/J (linear time, no backtracking). A scope sees
 * only {@code user}; conditions see {@code event} and {@code user}; nothing else is declared, so a
 * rule cannot reach another org's data or anything outside the event it is shown.
 */
public final class RuleCompiler {
    public static final int MAX_PARSE_DEPTH = 32;
    public static final int MAX_COMPREHENSION_ITERATIONS = 1_000;
    public static final int MAX_REGEX_PROGRAM_SIZE = 1_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(RuleParser.MAX_WHEN_CHARS)
            .maxParseRecursionDepth(MAX_PARSE_DEPTH)
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .build();

    private final CelCompiler conditions = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setTypeProvider(EventSchema.typeProvider())
            .addVar("event", EventSchema.EVENT_TYPE)
            .addVar("user", EventSchema.USER_TYPE)
            .setResultType(SimpleType.BOOL)
            .build();

    private final CelCompiler scopes = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setTypeProvider(EventSchema.typeProvider())
            .addVar("user", EventSchema.USER_TYPE)
            .setResultType(SimpleType.BOOL)
            .build();

    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();

    /** Checks and compiles a parsed rule; the errors name the field and the position in the expression. */
    public CompiledRule compile(RuleDefinition rule) throws RuleRejectedException {
        List<RuleError> errors = new ArrayList<>();
        CelAbstractSyntaxTree when = check(conditions, rule.when, "when", errors);
        CelAbstractSyntaxTree scope = rule.scope == null ? null : check(scopes, rule.scope, "scope", errors);
        List<CelAbstractSyntaxTree> steps = new ArrayList<>();
        for (int i = 0; i < rule.sequenceSteps.length; i++) {
            steps.add(check(conditions, rule.sequenceSteps[i], "sequence.steps[" + i + "]", errors));
        }
        if (!errors.isEmpty()) {
            throw new RuleRejectedException(errors);
        }
        try {
            CelRuntime.Program[] stepPrograms = new CelRuntime.Program[steps.size()];
            for (int i = 0; i < stepPrograms.length; i++) {
                stepPrograms[i] = runtime.createProgram(steps.get(i));
            }
            return new CompiledRule(rule, runtime.createProgram(when),
                    scope == null ? null : runtime.createProgram(scope), stepPrograms, RuleFilters.of(when.getExpr()));
        } catch (CelEvaluationException e) {
            throw new RuleRejectedException(List.of(RuleError.of("when", e.getMessage())));
        }
    }

    private static CelAbstractSyntaxTree check(CelCompiler compiler, String expression, String field, List<RuleError> errors) {
        try {
            return compiler.compile(expression).getAst();
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors()) {
                errors.add(new RuleError(field, issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn() + 1, issue.getMessage()));
            }
            return null;
        }
    }

    /** Parses and compiles in one step, as the CLI and the control stream need. */
    public CompiledRule parseAndCompile(String text, String source) throws RuleRejectedException {
        return compile(RuleParser.parse(text, source));
    }
}
