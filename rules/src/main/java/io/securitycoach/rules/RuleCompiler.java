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
 * program size are bounded; CEL regexes run on RE2/J (linear time, no backtracking).
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

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setTypeProvider(EventSchema.typeProvider())
            .addVar("event", EventSchema.EVENT_TYPE)
            .addVar("user", EventSchema.USER_TYPE)
            .setResultType(SimpleType.BOOL)
            .build();

    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();

    /** Checks and compiles a parsed rule; the errors name the field and the position in the expression. */
    public CompiledRule compile(RuleDefinition rule) throws RuleRejectedException {
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(rule.when).getAst();
        } catch (CelValidationException e) {
            List<RuleError> errors = new ArrayList<>();
            for (CelIssue issue : e.getErrors()) {
                errors.add(new RuleError("when", issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn() + 1, issue.getMessage()));
            }
            throw new RuleRejectedException(errors);
        }
        try {
            return new CompiledRule(rule, runtime.createProgram(ast));
        } catch (CelEvaluationException e) {
            throw new RuleRejectedException(List.of(RuleError.of("when", e.getMessage())));
        }
    }

    /** Parses and compiles in one step, as the CLI and the control stream need. */
    public CompiledRule parseAndCompile(String text, String source) throws RuleRejectedException {
        return compile(RuleParser.parse(text, source));
    }
}
