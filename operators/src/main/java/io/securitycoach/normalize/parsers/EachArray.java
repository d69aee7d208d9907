package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.validation.Problems;

/**
 * A configuration's fan-out ({@code each: {path: messages, max: 50, id: "@.id"}}): one event per
 * element of the array at {@code path}, whose fields {@code @} paths read while every other path
 * still reads the record. At most {@code max} elements of a record become events; the rest are one
 * dead letter ({@link Reasons#TOO_MANY_ELEMENTS}), counted like any other, never silently dropped.
 * A record whose array is absent or empty is its own one element (its {@code @} paths read the
 * record), so one configuration reads a feed's pages and its single records alike. A single object
 * where the array is expected is an array of one (XML-to-JSON converters write one-element lists
 * so).
 */
final class EachArray {
    /** The most elements one record may fan out to: bounds the work of a record. */
    static final int MAX_ELEMENTS = 200;

    static final int DEFAULT_ELEMENTS = 50;

    /**
     * The most regex work one record may cost a configuration that fans out: its per-event regex
     * cost x {@code max} elements, at most 10 records' worth (about 100 ms of CPU at worst).
     */
    static final long MAX_REGEX_STEPS_PER_FANOUT = 10 * Transform.MAX_REGEX_STEPS_PER_RECORD;

    private final ValuePath path;
    private final int max;
    private final ValuePath id;

    private EachArray(ValuePath path, int max, ValuePath id) {
        this.path = path;
        this.max = max;
        this.id = id;
    }

    /** Reads {@code each} (a path, or {path, max, id}); null, with errors added, when invalid. */
    static EachArray compile(JsonNode spec, Problems errors) {
        int problemsBefore = errors.size();
        JsonNode path = spec.isObject() ? spec.path("path") : spec;
        if (spec.isObject()) {
            for (var it = spec.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!"path".equals(k) && !"max".equals(k) && !"id".equals(k)) {
                    errors.add("each." + k, "unknown key (path, max, id)");
                }
            }
        }
        ValuePath array = compilePath(path, "each.path", false, errors);
        ValuePath id = spec.has("id") ? compilePath(spec.get("id"), "each.id", true, errors) : null;
        int max = spec.has("max") ? spec.get("max").asInt(0) : DEFAULT_ELEMENTS;
        if (spec.has("max") && (!spec.get("max").canConvertToInt() || max < 1)
                || max > MAX_ELEMENTS) {
            errors.add("each.max", "a whole number from 1 to " + MAX_ELEMENTS);
        }
        return array == null || errors.size() > problemsBefore
                ? null
                : new EachArray(array, max, id);
    }

    private static ValuePath compilePath(
            JsonNode node, String where, boolean elementAllowed, Problems errors) {
        if (!node.isTextual()) {
            errors.add(where, "a path like a.b[0].c is expected");
            return null;
        }
        try {
            ValuePath p = ValuePath.compile(node.asText());
            if (p.fromElement() && !elementAllowed) {
                errors.add(where, "the array is in the record: a path without @");
                return null;
            }
            return p;
        } catch (IllegalArgumentException e) {
            errors.add(where, e.getMessage());
            return null;
        }
    }

    /**
     * Events the record makes: one per element up to {@code max}, one more for the excess (a dead
     * letter), at least one.
     */
    int eventCount(JsonNode record) {
        int size = size(record);
        return size > max ? max + 1 : Math.max(1, size);
    }

    /**
     * The element of the {@code index}-th event, or null when the array is absent or empty.
     *
     * @throws NormalizationException for the event that stands for the elements beyond {@code max}
     */
    JsonNode element(JsonNode record, int index) throws NormalizationException {
        JsonNode array = path.find(record);
        int size = size(record);
        if (index >= max && size > max) {
            throw new NormalizationException(
                    Reasons.TOO_MANY_ELEMENTS,
                    size
                            + " elements at "
                            + path
                            + ", at most "
                            + max
                            + " become events: "
                            + (size - max)
                            + " not read");
        }
        if (size == 0) {
            return record;
        }
        return array.isArray() ? array.get(index) : array;
    }

    /** The first element (what {@code @} recognize paths look at); the record when none. */
    JsonNode first(JsonNode record) {
        JsonNode array = path.find(record);
        if (array != null && array.isArray() && array.size() > 0) {
            return array.get(0);
        }
        return array != null && array.isObject() ? array : record;
    }

    /** What tells this element's event from its siblings': its id when it has one, else index. */
    String uidSuffix(JsonNode record, JsonNode element, int index) {
        String own = id == null ? null : id.read(record, element);
        return own == null || own.isEmpty() ? String.valueOf(index) : own;
    }

    int max() {
        return max;
    }

    private int size(JsonNode record) {
        JsonNode array = path.find(record);
        if (array == null) {
            return 0;
        }
        return array.isArray() ? array.size() : array.isObject() ? 1 : 0;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
