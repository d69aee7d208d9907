package io.securitycoach.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one cut applied to every value a rule reads (event fields, raw fields, user fields, list
 * elements, map keys and values): a string is at most {@link #MAX_STRING_CHARS} characters, a list
 * at most {@link #MAX_ELEMENTS} elements, a map at most {@link #MAX_ELEMENTS} entries. Records can
 * be 1 MiB; without the cut a rule such as {@code event.url.contains(event.threat_name)} does work
 * quadratic in their size on every event. With it, the rule validator can price every string
 * function by the bounded length of its inputs (the rules' {@code RuleCost}).
 */
public final class RuleValues {
    /** As much as a regex reads of a value. */
    public static final int MAX_STRING_CHARS = 4_096;

    /** Elements of a list (user.tags) and entries of a map (event.raw) a rule sees. */
    public static final int MAX_ELEMENTS = 256;

    private RuleValues() {}

    /** The value as rules see it: strings, lists and maps cut to their bounds, at every level. */
    public static Object cut(Object value) {
        if (value instanceof RawValue) {
            return value; // cut when a rule first reads it
        }
        if (value instanceof String) {
            return cut((String) value);
        }
        if (value instanceof List) {
            return cutList((List<?>) value);
        }
        if (value instanceof Map) {
            return cutMap((Map<?, ?>) value);
        }
        return value;
    }

    /** The first {@link #MAX_STRING_CHARS} characters, never half of a surrogate pair. */
    public static String cut(String s) {
        if (s.length() <= MAX_STRING_CHARS) {
            return s;
        }
        int end = MAX_STRING_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static List<Object> cutList(List<?> list) {
        int n = Math.min(list.size(), MAX_ELEMENTS);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(cut(list.get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<Object, Object> cutMap(Map<?, ?> map) {
        Map<Object, Object> out = new HashMap<>(Math.min(map.size(), MAX_ELEMENTS) * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (out.size() >= MAX_ELEMENTS) {
                break;
            }
            out.putIfAbsent(cut(e.getKey()), cut(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
