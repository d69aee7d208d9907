package io.securitycoach.rules;

import static io.securitycoach.rules.ValueBound.plus;
import static io.securitycoach.rules.ValueBound.times;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import io.securitycoach.rules.regex.GatedRegex;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.schema.RuleValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A static upper bound of the work one evaluation of a checked expression can do, in steps (one
 * character compared, copied or read, or one RE2/J instruction on one character). Every value a
 * rule reads is cut ({@link RuleValues}), so every expression has a {@link ValueBound}: literals
 * their own length, schema strings {@value RuleValues#MAX_STRING_CHARS} characters, lists and maps
 * {@value RuleValues#MAX_ELEMENTS} elements. Each node costs {@link #NODE_STEPS}, and each function
 * what it does on inputs of those sizes ({@link FunctionWork}): {@code a.contains(b)} |a| x |b|, a
 * {@code matches} its program size x the characters it reads, {@code +} the characters or elements
 * it copies, {@code ==} the shorter side. A comprehension repeats its body once per element of its
 * range, and CEL stops an evaluation after {@link CelEnvironment#MAX_COMPREHENSION_ITERATIONS}
 * iterations of all its comprehensions together, so loops add the smaller of the two. CEL-Java
 * (0.11) has neither a cost estimator (cel-go has one) nor a runtime cost limit; this follows
 * cel-go's idea with this dialect's cuts.
 */
final class RuleCost {
    /**
     * At most this many steps per event for a rule (all its expressions together): 500 regex
     * instructions over 4 KiB, the same budget a parsing configuration has per record (about 10 ms
     * of CPU at worst).
     */
    static final long MAX_STEPS = 500L * RegexGate.MAX_INPUT_CHARS;

    /** What evaluating one CEL node costs, in steps (measured: about 75 ns against 5 ns). */
    static final long NODE_STEPS = 16;

    private static final int MAX_ITERATIONS = CelEnvironment.MAX_COMPREHENSION_ITERATIONS;

    private final CelAbstractSyntaxTree ast;
    private final FunctionWork functions;
    private final Map<String, ValueBound> variables = new HashMap<>();
    private long enclosingIterations = 1;
    private long costliestBody;
    private long loopsByRange;
    private long costliestCallSteps = -1;
    private CelExpr costliestCall;

    private RuleCost(CelAbstractSyntaxTree ast, RegexGate gate) {
        this.ast = ast;
        this.functions = new FunctionWork(gate);
    }

    /**
     * The estimated worst case of one evaluation of a checked expression, with its costliest part.
     */
    static Estimate of(CelAbstractSyntaxTree ast, RegexGate gate) {
        RuleCost cost = new RuleCost(ast, gate);
        long once = cost.walk(ast.getExpr()).steps;
        long loops = Math.min(times(MAX_ITERATIONS, cost.costliestBody), cost.loopsByRange);
        return new Estimate(plus(once, loops), cost.costliestPart());
    }

    /** An estimate and a phrase naming its costliest function call, for errors. */
    static final class Estimate {
        final long steps;
        final String costliestPart;

        Estimate(long steps, String costliestPart) {
            this.steps = steps;
            this.costliestPart = costliestPart;
        }
    }

    /** The steps of one evaluation of a node (a loop body once) and the bound of its value. */
    private static final class Priced {
        final long steps;
        final ValueBound bound;

        Priced(long steps, ValueBound bound) {
            this.steps = steps;
            this.bound = bound;
        }
    }

    private Priced walk(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT:
                return new Priced(NODE_STEPS, constant(e.constant()));
            case IDENT:
                ValueBound v = variables.get(e.ident().name());
                return new Priced(NODE_STEPS, v != null ? v : typeBound(e));
            case SELECT:
                return select(e);
            case CALL:
                return call(e);
            case LIST:
                return list(e.list().elements());
            case MAP:
                return entries(e.map().entries().size(), mapParts(e));
            case STRUCT:
                return entries(e.struct().entries().size(), structParts(e));
            case COMPREHENSION:
                return comprehension(e.comprehension());
            default:
                return new Priced(NODE_STEPS, ValueBound.SCALAR);
        }
    }

    private static ValueBound constant(CelConstant c) {
        switch (c.getKind()) {
            case STRING_VALUE:
                return ValueBound.string(c.stringValue().length());
            case BYTES_VALUE:
                return ValueBound.bytes(c.bytesValue().size());
            default:
                return ValueBound.SCALAR;
        }
    }

    private ValueBound typeBound(CelExpr e) {
        return ValueBound.ofType(ast.getType(e.id()).orElse(SimpleType.DYN));
    }

    /**
     * {@code event.url}: the field's cut; {@code event.raw.x} or {@code has(...)}: a map lookup.
     */
    private Priced select(CelExpr e) {
        Priced operand = walk(e.select().operand());
        long steps = plus(NODE_STEPS, operand.steps);
        boolean isRecord =
                ast.getType(e.select().operand().id())
                        .map(t -> t.kind() == CelKind.STRUCT)
                        .orElse(false);
        if (isRecord || operand.bound.kind != CelKind.MAP) {
            return new Priced(steps, e.select().testOnly() ? ValueBound.SCALAR : typeBound(e));
        }
        ValueBound key = ValueBound.string(e.select().field().length());
        long lookup = FunctionWork.lookup(key, operand.bound);
        note(e, lookup);
        ValueBound value = e.select().testOnly() ? ValueBound.SCALAR : operand.bound.element;
        return new Priced(plus(steps, lookup), value);
    }

    private Priced call(CelExpr e) {
        List<ValueBound> inputs = new ArrayList<>(e.call().args().size() + 1);
        long steps = NODE_STEPS;
        if (e.call().target().isPresent()) {
            Priced target = walk(e.call().target().get());
            steps = plus(steps, target.steps);
            inputs.add(target.bound);
        }
        for (CelExpr arg : e.call().args()) {
            Priced p = walk(arg);
            steps = plus(steps, p.steps);
            inputs.add(p.bound);
        }
        long work = functions.work(e, inputs);
        note(e, work);
        ValueBound result = FunctionWork.result(e.call().function(), inputs);
        return new Priced(plus(steps, work), result != null ? result : typeBound(e));
    }

    private Priced list(List<CelExpr> elements) {
        long steps = plus(NODE_STEPS, elements.size());
        ValueBound element = null;
        for (CelExpr x : elements) {
            Priced p = walk(x);
            steps = plus(steps, p.steps);
            element = p.bound.join(element);
        }
        return new Priced(steps, ValueBound.list(elements.size(), orScalar(element)));
    }

    /** Map and struct literals: keys hashed and values stored. */
    private Priced entries(int n, List<CelExpr[]> keyValues) {
        long steps = plus(NODE_STEPS, n);
        ValueBound key = null;
        ValueBound value = null;
        for (CelExpr[] kv : keyValues) {
            Priced k = kv[0] == null ? new Priced(0, ValueBound.string(64)) : walk(kv[0]);
            Priced v = walk(kv[1]);
            steps = plus(plus(steps, plus(k.steps, k.bound.deep())), v.steps);
            key = k.bound.join(key);
            value = v.bound.join(value);
        }
        return new Priced(steps, ValueBound.map(n, orScalar(key), orScalar(value)));
    }

    private static List<CelExpr[]> mapParts(CelExpr e) {
        List<CelExpr[]> parts = new ArrayList<>();
        e.map().entries().forEach(en -> parts.add(new CelExpr[] {en.key(), en.value()}));
        return parts;
    }

    private static List<CelExpr[]> structParts(CelExpr e) {
        List<CelExpr[]> parts = new ArrayList<>();
        e.struct().entries().forEach(en -> parts.add(new CelExpr[] {null, en.value()}));
        return parts;
    }

    private static ValueBound orScalar(ValueBound b) {
        return b == null ? ValueBound.SCALAR : b;
    }

    /**
     * The range, the accumulator's start and the result once, and the body (condition and step)
     * once per iteration: the range's length times the enclosing loops' iterations, at most {@link
     * #MAX_ITERATIONS}. A list the loop builds ({@code map}, {@code filter}) grows by at most one
     * element per iteration.
     */
    private Priced comprehension(CelExpr.CelComprehension c) {
        Priced range = walk(c.iterRange());
        Priced init = walk(c.accuInit());
        long iterations = Math.min(MAX_ITERATIONS, range.bound.length);
        Map<String, ValueBound> before = new HashMap<>(variables);
        bindLoopVariables(c, range.bound);
        long outer = enclosingIterations;
        long total = Math.min(MAX_ITERATIONS, times(outer, iterations));
        enclosingIterations = total;
        variables.put(c.accuVar(), accumulator(init.bound, iterations, built(c)));
        long body = plus(walk(c.loopCondition()).steps, walk(c.loopStep()).steps);
        enclosingIterations = outer;
        costliestBody = Math.max(costliestBody, body);
        loopsByRange = plus(loopsByRange, times(total, body));
        Priced result = walk(c.result());
        variables.clear();
        variables.putAll(before);
        long steps = plus(NODE_STEPS, plus(range.steps, plus(init.steps, result.steps)));
        return new Priced(plus(steps, body), result.bound);
    }

    /**
     * The bound of the elements one iteration adds to a list the loop builds, found by pricing the
     * step once with an empty accumulator (nothing of that pass is kept).
     */
    private ValueBound built(CelExpr.CelComprehension c) {
        long loops = loopsByRange;
        long body = costliestBody;
        long callSteps = costliestCallSteps;
        CelExpr call = costliestCall;
        variables.put(c.accuVar(), ValueBound.list(0, ValueBound.SCALAR));
        ValueBound step = walk(c.loopStep()).bound;
        loopsByRange = loops;
        costliestBody = body;
        costliestCallSteps = callSteps;
        costliestCall = call;
        return step.element;
    }

    private static ValueBound accumulator(ValueBound init, long iterations, ValueBound element) {
        if (init.kind != CelKind.LIST) {
            return init; // exists, all, exists_one: a boolean or a count
        }
        ValueBound e = element == null ? init.element : element.join(init.element);
        return ValueBound.list(plus(init.length, iterations), orScalar(e));
    }

    /** A list's elements (or index and element), a map's keys (or key and value). */
    private void bindLoopVariables(CelExpr.CelComprehension c, ValueBound range) {
        boolean isMap = range.kind == CelKind.MAP;
        ValueBound first = isMap ? range.key : range.element;
        if (c.iterVar2() != null && !c.iterVar2().isEmpty()) {
            variables.put(c.iterVar(), isMap ? orScalar(range.key) : ValueBound.SCALAR);
            variables.put(c.iterVar2(), orScalar(range.element));
        } else {
            variables.put(c.iterVar(), orScalar(first));
        }
    }

    /** Remembers the costliest call (times the loops around it) for the error message. */
    private void note(CelExpr e, long work) {
        long steps = times(work, enclosingIterations);
        if (steps > costliestCallSteps) {
            costliestCallSteps = steps;
            costliestCall = e;
        }
    }

    private String costliestPart() {
        if (costliestCall == null) {
            return "";
        }
        String name =
                costliestCall.getKind() == CelExpr.ExprKind.Kind.CALL
                        ? FunctionWork.displayName(costliestCall.call().function())
                        : "a lookup of ." + costliestCall.select().field();
        CelSourceLocation at = location(costliestCall);
        return String.format(
                "%s at %d:%d, up to %,d steps",
                name, at.getLine(), at.getColumn() + 1, costliestCallSteps);
    }

    private CelSourceLocation location(CelExpr e) {
        Integer offset = ast.getSource().getPositionsMap().get(e.id());
        return offset == null
                ? CelSourceLocation.NONE
                : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
    }

    /** The most steps one {@code matches} with this regex can take on a value of this bound. */
    static long regexSteps(GatedRegex re, ValueBound text) {
        return times(re.programSize(), Math.min(text.length, RegexGate.MAX_INPUT_CHARS));
    }
}
