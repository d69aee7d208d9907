package io.securitycoach.rules;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A valid rule that failed on one event; the event becomes a dead letter. When the failure is the
 * rule's own (it ran past its iteration limit, or the rule language failed, not a value of this
 * event) {@link #disablesRule()} is true: the rule is taken out of evaluation rather than failing
 * on every event. A missing map key, an overflow, a division by zero or a value too large to build
 * are the event's.
 */
public class RuleEvaluationException extends Exception {
    private static final Set<CelErrorCode> RULE_FAILURES =
            EnumSet.of(
                    CelErrorCode.ITERATION_BUDGET_EXCEEDED,
                    CelErrorCode.INTERNAL_ERROR,
                    CelErrorCode.OVERLOAD_NOT_FOUND,
                    CelErrorCode.AMBIGUOUS_OVERLOAD,
                    CelErrorCode.TYPE_NOT_FOUND);

    private final boolean disablesRule;

    public RuleEvaluationException(String message, Throwable cause) {
        this(message, cause, false);
    }

    RuleEvaluationException(String message, Throwable cause, boolean disablesRule) {
        super(message, cause);
        this.disablesRule = disablesRule;
    }

    /** From CEL's error code: which failures are the rule's rather than the event's. */
    static RuleEvaluationException of(String message, CelEvaluationException e) {
        return new RuleEvaluationException(
                message, e, RULE_FAILURES.contains(e.getErrorCode()) && !valueTooLarge(e));
    }

    private static boolean valueTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundedConcatenation.ValueTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rule itself is at fault, and should stop being evaluated. */
    public boolean disablesRule() {
        return disablesRule;
    }
}
