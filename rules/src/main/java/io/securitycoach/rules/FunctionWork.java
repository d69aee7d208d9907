package io.securitycoach.rules;

import static io.securitycoach.rules.ValueBound.plus;
import static io.securitycoach.rules.ValueBound.times;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import io.securitycoach.rules.regex.RegexGate;
import java.util.List;
import java.util.Set;

/**
 * What each function of the rule dialect does, in steps, on inputs of given {@link ValueBound}s,
 * and how large its result can be. The functions whose work grows with their inputs are priced one
 * by one; the rest (conversions, arithmetic, logic, time accessors) read each input at most once,
 * so they cost the total size of their inputs.
 */
final class FunctionWork {
    /** Equality and order on these compare the shorter side at most (String.equals, compareTo). */
    private static final Set<String> COMPARISONS =
            Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");

    /** These pass a value on or look at a boolean: nothing is read. */
    private static final Set<String> PASS_THROUGH =
            Set.of(
                    "_?_:_",
                    "_&&_",
                    "_||_",
                    "!_",
                    "@not_strictly_false",
                    "not_strictly_false",
                    "dyn",
                    "type");

    private final RegexGate gate;

    FunctionWork(RegexGate gate) {
        this.gate = gate;
    }

    /** The steps of one call on inputs of these bounds (the target first), beyond its node. */
    long work(CelExpr call, List<ValueBound> in) {
        String fn = call.call().function();
        switch (fn) {
            case "contains": // String.indexOf: each start position, up to |needle| characters
                return times(in.get(0).length, Math.max(1, in.get(1).length));
            case "startsWith":
            case "endsWith":
                return Math.min(in.get(0).length, in.get(1).length) + 1;
            case MatchesFunction.NAME:
                return RegexArguments.compiled(call, gate)
                        .map(re -> RuleCost.regexSteps(re, in.get(0)))
                        .orElse(0L);
            case "size": // a string's code points are counted; a list's or map's size is stored
                return in.get(0).isText() ? in.get(0).length : 1;
            case "_+_": // copies both sides
                return plus(in.get(0).length, in.get(1).length);
            case "@in":
                return lookup(in.get(0), in.get(1));
            case "_[_]":
                return in.get(0).kind == CelKind.LIST ? 1 : lookup(in.get(1), in.get(0));
            default:
                if (PASS_THROUGH.contains(fn)) {
                    return 1;
                }
                return COMPARISONS.contains(fn) ? compare(in.get(0), in.get(1)) : linear(in);
        }
    }

    /**
     * {@code x in c}, {@code c[x]}: a list compares x with each element; a map hashes x, then
     * compares it with the keys of its bucket (colliding keys are cheap to make, so all of them).
     */
    static long lookup(ValueBound x, ValueBound collection) {
        ValueBound member = collection.kind == CelKind.MAP ? collection.key : collection.element;
        long each = member == null ? x.deep() : Math.min(x.deep(), member.deep());
        return plus(times(collection.length, each + 1), x.deep() + 1);
    }

    private static long compare(ValueBound a, ValueBound b) {
        boolean flat = !a.isCollection() && !b.isCollection();
        return flat ? Math.min(a.deep(), b.deep()) + 1 : plus(plus(a.deep(), b.deep()), 1);
    }

    private static long linear(List<ValueBound> in) {
        long sum = 1;
        for (ValueBound b : in) {
            sum = plus(sum, b.deep());
        }
        return sum;
    }

    /**
     * The bound of a call's result where it follows from the inputs; null where the result's type
     * says it all (numbers, booleans, and strings, lists and maps as large as the schema allows).
     */
    static ValueBound result(String fn, List<ValueBound> in) {
        switch (fn) {
            case "_+_":
                return concatenation(in.get(0), in.get(1));
            case "_[_]":
                return in.get(0).isCollection() ? in.get(0).element : null;
            case "_?_:_":
                return in.get(1).join(in.get(2));
            case "dyn":
                return in.get(0);
            case "string":
                return in.get(0).isText()
                        ? ValueBound.string(in.get(0).length)
                        : ValueBound.string(64);
            case "bytes": // UTF-8: at most 3 bytes per UTF-16 character
                return in.get(0).isText() ? ValueBound.bytes(times(3, in.get(0).length)) : null;
            default:
                return null;
        }
    }

    /** {@link BoundedConcatenation} refuses to build more than its bound. */
    private static ValueBound concatenation(ValueBound a, ValueBound b) {
        if (a.kind == CelKind.LIST) {
            ValueBound element = a.element == null ? b.element : a.element.join(b.element);
            return ValueBound.list(
                            plus(a.length, b.length), element == null ? ValueBound.SCALAR : element)
                    .atMost(BoundedConcatenation.MAX_LIST_ELEMENTS);
        }
        if (a.kind == CelKind.STRING) {
            return ValueBound.string(
                    Math.min(plus(a.length, b.length), BoundedConcatenation.MAX_STRING_CHARS));
        }
        return null;
    }

    /** How an error names a function: {@code _+_} as {@code +}, {@code @in} as {@code in}. */
    static String displayName(String fn) {
        return fn.replace("_", "").replace("@", "");
    }
}
