package io.securitycoach.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import io.securitycoach.rules.regex.GatedRegex;
import io.securitycoach.rules.regex.RegexGate;

/**
 * A static upper bound of the work one evaluation of a checked expression can do, in steps of RE2/J
 * (one instruction on one character): every expression node is {@link #NODE_STEPS} steps, a {@code
 * matches} is its program size times the characters it reads, a {@code +} of strings or lists
 * {@link #CONCAT_STEPS} ({@link GatedRegex#worstCaseSteps()}), and since CEL stops an evaluation
 * after {@link CelEnvironment#MAX_COMPREHENSION_ITERATIONS} iterations of all its comprehensions
 * together, the loops add at most that many times the costliest loop body. CEL-Java (0.11) has no
 * cost estimator of its own, unlike cel-go; this one follows the same idea with the runtime's
 * iteration limit.
 */
final class RuleCost {
    /**
     * At most this many steps per event for a rule (all its expressions together): 500 regex
     * instructions over 4 KiB, the same budget a parsing configuration has per record (about 10 ms
     * of CPU at worst).
     */
    static final long MAX_STEPS = 500L * RegexGate.MAX_INPUT_CHARS;

    /** What evaluating one CEL node costs, in regex steps (measured: about 75 ns against 5 ns). */
    static final long NODE_STEPS = 16;

    /** A {@code +} of strings or lists copies at most 4,096 characters or elements: about 1 us. */
    static final long CONCAT_STEPS = 256;

    private final CelAbstractSyntaxTree ast;
    private final RegexGate gate;
    private long costliestBody;

    private RuleCost(CelAbstractSyntaxTree ast, RegexGate gate) {
        this.ast = ast;
        this.gate = gate;
    }

    /** The estimated worst case of one evaluation of a checked expression. */
    static long of(CelAbstractSyntaxTree ast, RegexGate gate) {
        RuleCost cost = new RuleCost(ast, gate);
        long once = cost.nodes(ast.getExpr());
        return once + (long) CelEnvironment.MAX_COMPREHENSION_ITERATIONS * cost.costliestBody;
    }

    /**
     * Every node once (a comprehension's parts too), in steps; records the costliest loop body on
     * the way.
     */
    private long nodes(CelExpr e) {
        switch (e.getKind()) {
            case SELECT:
                return NODE_STEPS + nodes(e.select().operand());
            case CALL:
                return call(e);
            case LIST:
                return NODE_STEPS + e.list().elements().stream().mapToLong(this::nodes).sum();
            case MAP:
                return NODE_STEPS
                        + e.map().entries().stream()
                                .mapToLong(en -> nodes(en.key()) + nodes(en.value()))
                                .sum();
            case STRUCT:
                return NODE_STEPS
                        + e.struct().entries().stream().mapToLong(en -> nodes(en.value())).sum();
            case COMPREHENSION:
                return comprehension(e.comprehension());
            default:
                return NODE_STEPS;
        }
    }

    private long call(CelExpr e) {
        long cost = NODE_STEPS + e.call().args().stream().mapToLong(this::nodes).sum();
        if (e.call().target().isPresent()) {
            cost += nodes(e.call().target().get());
        }
        if (RegexArguments.isMatches(e)) {
            cost += RegexArguments.compiled(e, gate).map(GatedRegex::worstCaseSteps).orElse(0L);
        }
        if (isConcatenation(e)) {
            cost += CONCAT_STEPS;
        }
        return cost;
    }

    private boolean isConcatenation(CelExpr e) {
        if (!"_+_".equals(e.call().function())) {
            return false;
        }
        CelKind kind = ast.getType(e.id()).map(t -> t.kind()).orElse(CelKind.DYN);
        return kind == CelKind.STRING || kind == CelKind.LIST || kind == CelKind.DYN;
    }

    private long comprehension(CelExpr.CelComprehension c) {
        long body = nodes(c.loopCondition()) + nodes(c.loopStep());
        costliestBody = Math.max(costliestBody, body);
        return NODE_STEPS + nodes(c.iterRange()) + nodes(c.accuInit()) + body + nodes(c.result());
    }
}
