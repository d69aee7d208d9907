package io.securitycoach.rules;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.securitycoach.schema.EventSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a condition requires of an event's text fields, read from its checked expression: every
 * top-level conjunct {@code event.f == "x"} or {@code event.f in ["x", "y"]}. Rules are indexed by
 * these (event class first, then one more field), so an event is only tested against rules whose
 * required values it has, and cost stays flat as rules grow, as in a CEP engine's filter index.
 */
public final class RuleFilters {
    /**
     * Field -> allowed values, in the order they appear; only fields the event schema has as text.
     */
    private final Map<String, Set<String>> required;

    /** Requires nothing: admits every event. */
    static final RuleFilters NONE = new RuleFilters(Map.of());

    private RuleFilters(Map<String, Set<String>> required) {
        this.required = required;
    }

    static RuleFilters of(CelExpr when) {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        List<CelExpr> conjuncts = new ArrayList<>();
        flatten(when, conjuncts);
        for (CelExpr c : conjuncts) {
            requirement(c, required);
        }
        return new RuleFilters(required);
    }

    /** The event classes the rule can match, or null for any. */
    public Set<String> classes() {
        return required.get("class");
    }

    /**
     * The field (other than class) to index the rule by, or null: the first required one, vendor
     * last.
     */
    public String indexField() {
        String fallback = null;
        for (String field : required.keySet()) {
            if ("class".equals(field) || "org_id".equals(field)) {
                continue;
            }
            if (!"vendor".equals(field)) {
                return field;
            }
            fallback = field;
        }
        return fallback;
    }

    public Set<String> values(String field) {
        return required.get(field);
    }

    /**
     * Whether the event has every value the condition requires. When it does not, the condition is
     * false whatever its other conjuncts say (CEL's {@code &&} is false when either side is), so it
     * need not run.
     */
    public boolean admits(Map<String, Object> event) {
        for (Map.Entry<String, Set<String>> r : required.entrySet()) {
            if (!r.getValue().contains(event.get(r.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static void flatten(CelExpr e, List<CelExpr> into) {
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
                && "_&&_".equals(e.call().function())) {
            for (CelExpr arg : e.call().args()) {
                flatten(arg, into);
            }
        } else {
            into.add(e);
        }
    }

    private static void requirement(CelExpr e, Map<String, Set<String>> required) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL || e.call().args().size() != 2) {
            return;
        }
        String fn = e.call().function();
        List<CelExpr> args = e.call().args();
        Set<String> values = null;
        String field = null;
        if ("_==_".equals(fn)) {
            field = eventField(args.get(0));
            String lit = stringLiteral(args.get(1));
            if (field == null) {
                field = eventField(args.get(1));
                lit = stringLiteral(args.get(0));
            }
            values = lit == null ? null : new HashSet<>(Set.of(lit));
        } else if ("@in".equals(fn)
                && args.get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.LIST) {
            field = eventField(args.get(0));
            values = new HashSet<>();
            for (CelExpr item : args.get(1).list().elements()) {
                String lit = stringLiteral(item);
                if (lit == null) {
                    return;
                }
                values.add(lit);
            }
        }
        if (field != null && values != null) {
            Set<String> existing = required.get(field);
            if (existing == null) {
                required.put(field, values);
            } else {
                existing.retainAll(values); // both conjuncts must hold
            }
        }
    }

    private static String eventField(CelExpr e) {
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT
                && e.select().operand().exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                && "event".equals(e.select().operand().ident().name())
                && EventSchema.stringEventFields().contains(e.select().field())) {
            return e.select().field();
        }
        return null;
    }

    private static String stringLiteral(CelExpr e) {
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return e.constant().stringValue();
        }
        return null;
    }
}
