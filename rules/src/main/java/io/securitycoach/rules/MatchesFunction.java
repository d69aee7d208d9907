package io.securitycoach.rules;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.rules.regex.RegexRejectedException;
import java.util.List;

/**
 * CEL's {@code matches} (both {@code s.matches(re)} and {@code matches(s, re)}), replaced: CEL's
 * own compiles the pattern on every call, before any size check. This one goes through the {@link
 * RegexGate} (checked at validation, compiled once, cached) and, like every customer regex, reads
 * the first {@link RegexGate#MAX_INPUT_CHARS} characters of the text. It keeps CEL's meaning: true
 * when the pattern matches anywhere in the text.
 */
final class MatchesFunction {
    static final String NAME = "matches";
    private static final String GLOBAL = "matches";
    private static final String MEMBER = "matches_string";

    private MatchesFunction() {}

    static CelFunctionDecl declaration() {
        return CelFunctionDecl.newFunctionDeclaration(
                NAME,
                CelOverloadDecl.newGlobalOverload(
                        GLOBAL, SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING),
                CelOverloadDecl.newMemberOverload(
                        MEMBER, SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING));
    }

    static List<CelFunctionBinding> bindings(RegexGate gate) {
        return List.of(
                CelFunctionBinding.from(
                        GLOBAL, String.class, String.class, (text, re) -> find(gate, text, re)),
                CelFunctionBinding.from(
                        MEMBER, String.class, String.class, (text, re) -> find(gate, text, re)));
    }

    private static boolean find(RegexGate gate, String text, String pattern)
            throws CelEvaluationException {
        try {
            return gate.compile(pattern).find(text);
        } catch (RegexRejectedException e) {
            throw new CelEvaluationException(
                    "matches: " + e.getMessage()); // validation refuses it first
        }
    }
}
