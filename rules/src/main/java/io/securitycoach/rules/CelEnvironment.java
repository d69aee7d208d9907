package io.securitycoach.rules;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.schema.EventSchema;

/**
 * The CEL dialect of rules: the standard library without CEL's own {@code matches} (replaced by
 * {@link MatchesFunction}), with a bounded {@code +} on strings and lists ({@link
 * BoundedConcatenation}) and none on bytes, the macros {@code has}, {@code all}, {@code exists},
 * {@code exists_one}, {@code map} and {@code filter}, and limits on size, depth and iterations.
 * Immutable and thread-safe.
 */
final class CelEnvironment {
    static final int MAX_PARSE_DEPTH = 32;

    /**
     * Iterations of all comprehensions of one evaluation together (CEL counts them per evaluation).
     */
    static final int MAX_COMPREHENSION_ITERATIONS = 1_000;

    private static final CelOptions OPTIONS =
            CelOptions.current()
                    .maxExpressionCodePointSize(RuleParser.MAX_WHEN_CHARS)
                    .maxParseRecursionDepth(MAX_PARSE_DEPTH)
                    .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                    .build();

    private CelEnvironment() {}

    /** Conditions see the event and its user. */
    static CelCompiler conditions() {
        return base().addVar("event", EventSchema.EVENT_TYPE).build();
    }

    /** Scopes see the user only. */
    static CelCompiler scopes() {
        return base().build();
    }

    static CelRuntime runtime(RegexGate gate) {
        return CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(OPTIONS)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(
                        CelStandardFunctions.newBuilder()
                                .filterFunctions(
                                        (function, overload) ->
                                                function
                                                                != CelStandardFunctions
                                                                        .StandardFunction.MATCHES
                                                        && overload
                                                                != CelStandardFunctions
                                                                        .StandardFunction.Overload
                                                                        .Arithmetic.ADD_STRING
                                                        && overload
                                                                != CelStandardFunctions
                                                                        .StandardFunction.Overload
                                                                        .Arithmetic.ADD_LIST
                                                        && overload
                                                                != CelStandardFunctions
                                                                        .StandardFunction.Overload
                                                                        .Arithmetic.ADD_BYTES)
                                .build())
                .addFunctionBindings(MatchesFunction.bindings(gate))
                .addFunctionBindings(BoundedConcatenation.bindings())
                .build();
    }

    private static CelCompilerBuilder base() {
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(
                        CelStandardDeclarations.newBuilder()
                                .filterFunctions(
                                        (function, overload) ->
                                                function
                                                                != CelStandardDeclarations
                                                                        .StandardFunction.MATCHES
                                                        && overload
                                                                != CelStandardDeclarations
                                                                        .StandardFunction.Overload
                                                                        .Arithmetic.ADD_BYTES)
                                .build())
                .addFunctionDeclarations(MatchesFunction.declaration())
                .setStandardMacros(
                        CelStandardMacro.HAS,
                        CelStandardMacro.ALL,
                        CelStandardMacro.EXISTS,
                        CelStandardMacro.EXISTS_ONE,
                        CelStandardMacro.MAP,
                        CelStandardMacro.MAP_FILTER,
                        CelStandardMacro.FILTER)
                .setTypeProvider(EventSchema.typeProvider())
                .addVar("user", EventSchema.USER_TYPE)
                .setResultType(SimpleType.BOOL);
    }
}
