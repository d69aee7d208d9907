package io.securitycoach.rules;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which event classes a condition can match, read from its checked expression: a top-level conjunct
 * {@code event.class == "web"} or {@code event.class in ["web", "email"]} limits it to those
 * classes. Rules are indexed by it, so an event is only tested against rules that can apply.
 */
final class EventClasses {
    private EventClasses() {}

    /** The classes the expression requires, or null when it may match any class. */
    static Set<String> requiredBy(CelExpr expr) {
        if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        String fn = expr.call().function();
        List<CelExpr> args = expr.call().args();
        if ("_&&_".equals(fn) && args.size() == 2) {
            Set<String> left = requiredBy(args.get(0));
            Set<String> right = requiredBy(args.get(1));
            if (left == null) return right;
            if (right == null) return left;
            left.retainAll(right);
            return left;
        }
        if ("_==_".equals(fn) && args.size() == 2) {
            String lit = isEventClass(args.get(0)) ? stringLiteral(args.get(1)) : isEventClass(args.get(1)) ? stringLiteral(args.get(0)) : null;
            return lit == null ? null : new HashSet<>(Set.of(lit));
        }
        if ("@in".equals(fn) && args.size() == 2 && isEventClass(args.get(0))
                && args.get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.LIST) {
            Set<String> classes = new HashSet<>();
            for (CelExpr e : args.get(1).list().elements()) {
                String lit = stringLiteral(e);
                if (lit == null) {
                    return null;
                }
                classes.add(lit);
            }
            return classes;
        }
        return null;
    }

    private static boolean isEventClass(CelExpr e) {
        return e.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT
                && "class".equals(e.select().field())
                && e.select().operand().exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                && "event".equals(e.select().operand().ident().name());
    }

    private static String stringLiteral(CelExpr e) {
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return e.constant().stringValue();
        }
        return null;
    }
}
