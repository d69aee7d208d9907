package io.securitycoach.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.securitycoach.schema.RuleValues;
import java.util.ArrayList;
import java.util.List;

/**
 * CEL's {@code +} on strings and lists, with a bound on the result: {@code event.message +
 * event.message + ...} over a 1 MiB field, or the same in a {@code map}, would otherwise build
 * values until the heap is gone. A result over the bound fails the evaluation for that event
 * ({@link ValueTooLarge}: the event's values, not the rule, are too large). Bytes have no {@code +}
 * in rules at all.
 */
final class BoundedConcatenation {
    /** As long as any text a rule reads: a rule has no use for longer built values. */
    static final int MAX_STRING_CHARS = RuleValues.MAX_STRING_CHARS;

    static final int MAX_LIST_ELEMENTS = 4_096;

    private BoundedConcatenation() {}

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(
                        "add_string", String.class, String.class, BoundedConcatenation::strings),
                CelFunctionBinding.from(
                        "add_list", List.class, List.class, BoundedConcatenation::lists));
    }

    private static String strings(String a, String b) throws CelEvaluationException {
        if ((long) a.length() + b.length() > MAX_STRING_CHARS) {
            throw tooLarge("a string over " + MAX_STRING_CHARS + " characters");
        }
        return a.concat(b);
    }

    private static List<Object> lists(List<?> a, List<?> b) throws CelEvaluationException {
        if ((long) a.size() + b.size() > MAX_LIST_ELEMENTS) {
            throw tooLarge("a list over " + MAX_LIST_ELEMENTS + " elements");
        }
        List<Object> joined = new ArrayList<>(a.size() + b.size());
        joined.addAll(a);
        joined.addAll(b);
        return joined;
    }

    private static CelEvaluationException tooLarge(String what) {
        String message = "+ would build " + what;
        return new CelEvaluationException(message, new ValueTooLarge(message));
    }

    /** Marks a failure caused by the size of the event's values. */
    static final class ValueTooLarge extends RuntimeException {
        ValueTooLarge(String message) {
            super(message, null, false, false);
        }
    }
}
