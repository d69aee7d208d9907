package io.securitycoach.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import io.securitycoach.rules.regex.GatedRegex;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.rules.regex.RegexRejectedException;
import io.securitycoach.validation.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Validates the pattern of every {@code matches} in a checked expression: it must be a string
 * literal (a pattern built from event data could be anything, at any cost, on every event), and the
 * {@link RegexGate} must accept it. Errors point at the pattern's line:column.
 */
final class RegexArguments {
    private RegexArguments() {}

    static void check(
            CelAbstractSyntaxTree ast, String field, RegexGate gate, List<Problem> errors) {
        CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(RegexArguments::isMatches)
                .forEach(call -> checkPattern(ast, field, gate, pattern(call), errors));
    }

    /**
     * The compiled pattern of a checked {@code matches} call, when its pattern is a literal the
     * gate accepts.
     */
    static Optional<GatedRegex> compiled(CelExpr call, RegexGate gate) {
        CelExpr p = pattern(call);
        if (!isLiteral(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(gate.compile(p.constant().stringValue()));
        } catch (RegexRejectedException e) {
            return Optional.empty();
        }
    }

    static boolean isMatches(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CALL
                && MatchesFunction.NAME.equals(e.call().function());
    }

    /** {@code s.matches(re)}: the only argument; {@code matches(s, re)}: the second. */
    private static CelExpr pattern(CelExpr call) {
        List<CelExpr> args = call.call().args();
        return call.call().target().isPresent() ? args.get(0) : args.get(args.size() - 1);
    }

    private static boolean isLiteral(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE;
    }

    private static void checkPattern(
            CelAbstractSyntaxTree ast,
            String field,
            RegexGate gate,
            CelExpr pattern,
            List<Problem> errors) {
        CelSourceLocation at = location(ast, pattern);
        if (!isLiteral(pattern)) {
            errors.add(
                    Problem.at(
                            field,
                            at.getLine(),
                            at.getColumn() + 1,
                            "the pattern of matches must be a string literal, e.g."
                                    + " matches(\"^vpn-\")"));
            return;
        }
        try {
            gate.compile(pattern.constant().stringValue());
        } catch (RegexRejectedException e) {
            errors.add(Problem.at(field, at.getLine(), at.getColumn() + 1, e.getMessage()));
        }
    }

    private static CelSourceLocation location(CelAbstractSyntaxTree ast, CelExpr e) {
        Integer offset = ast.getSource().getPositionsMap().get(e.id());
        return offset == null
                ? CelSourceLocation.NONE
                : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
    }
}
