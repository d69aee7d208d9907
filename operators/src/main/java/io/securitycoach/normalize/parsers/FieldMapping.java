package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * One target field of a compiled configuration: where its text comes from (paths or a constant) and
 * the steps on it.
 */
final class FieldMapping {
    final String target;
    private final ValuePath[] paths;
    private final String constant;
    private final Transform[] steps;

    /** A record without this field is a dead letter rather than an event without it. */
    final boolean required;

    FieldMapping(
            String target,
            ValuePath[] paths,
            String constant,
            Transform[] steps,
            boolean required) {
        this.target = target;
        this.paths = paths;
        this.constant = constant;
        this.steps = steps;
        this.required = required;
    }

    /** The field's value for this record, or null. The first non-empty of its paths wins. */
    String value(JsonNode record) {
        return value(record, null);
    }

    /** As {@link #value(JsonNode)}, its {@code @} paths reading {@code element}. */
    String value(JsonNode record, JsonNode element) {
        String v = constant;
        for (int i = 0; (v == null || v.isEmpty()) && i < paths.length; i++) {
            v = paths[i].read(record, element);
        }
        for (Transform t : steps) {
            v = t.apply(v);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /** Whether its value is a path's value as written: no constant, no steps. */
    boolean readsAsWritten() {
        return constant == null && steps.length == 0;
    }

    /**
     * For a mapping that {@link #readsAsWritten}: the node {@link #value} would give the text of
     * (the first of its paths with a non-empty value), or null. A number stays a number this way.
     */
    JsonNode valueNode(JsonNode record, JsonNode element) {
        for (ValuePath path : paths) {
            JsonNode node = path.valueNode(record, element);
            if (node != null && !isEmpty(node)) {
                return node;
            }
        }
        return null;
    }

    /**
     * Whether the value's text is empty, without writing a number or boolean out (their text never
     * is): the time path reads numbers to avoid just that.
     */
    private static boolean isEmpty(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().isEmpty();
        }
        return !value.isNumber() && !value.isBoolean() && value.asText().isEmpty();
    }

    /** Whether any of its paths reads an {@code each} element. */
    boolean readsElement() {
        for (ValuePath p : paths) {
            if (p.fromElement()) {
                return true;
            }
        }
        return false;
    }

    String source() {
        return constant != null
                ? "the constant"
                : paths.length == 1 ? paths[0].toString() : Arrays.toString(paths);
    }
}
