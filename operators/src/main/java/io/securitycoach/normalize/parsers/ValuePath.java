package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled path into a record: {@code a.b[0].c} split once into field names and array indexes, so
 * reading it per event is a few lookups, never string parsing. Field names with dots can be quoted:
 * {@code ['src.ip']}. A leading {@code $} (JSONPath's root: {@code $.a.b}, {@code $['a']}) is
 * allowed. A leading {@code @} ({@code @.subject}, {@code @} alone) reads the current element of a
 * configuration's {@code each} array instead of the record.
 */
final class ValuePath {
    static final int MAX_DEPTH = 16;
    private static final Pattern SEGMENT =
            Pattern.compile(
                    "\\G(?:([^.\\[\\]']+)|\\['([^']+)'\\]|\\[(\\d{1,5})\\])(\\.|(?=\\[)|$)");

    private final String text;
    private final String[] names; // null where the step is an index
    private final int[] indexes;

    /** Read from the current element of the {@code each} array, not from the record. */
    private final boolean fromElement;

    private ValuePath(String text, String[] names, int[] indexes, boolean fromElement) {
        this.text = text;
        this.names = names;
        this.indexes = indexes;
        this.fromElement = fromElement;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the path
     */
    static ValuePath compile(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        if ("@".equals(path)) {
            return new ValuePath(path, new String[0], new int[0], true);
        }
        // without this, $.a.b would read a field named "$" and silently find nothing
        int end = rootLength(path);
        // only @. and @[ read the element: @timestamp is a field name, as in many vendors' records
        boolean fromElement = end > 0 && path.charAt(0) == '@';
        if (end == path.length()) {
            throw new IllegalArgumentException("path '" + path + "' names no field");
        }
        Matcher m = SEGMENT.matcher(path);
        m.region(end, path.length());
        while (end < path.length() && m.find() && m.start() == end) {
            if (m.group(3) != null) {
                names.add(null);
                indexes.add(Integer.parseInt(m.group(3)));
            } else {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
                indexes.add(-1);
            }
            end = m.end();
            if (".".equals(m.group(4)) && end == path.length()) {
                throw new IllegalArgumentException("path '" + path + "' ends with a dot");
            }
        }
        if (end != path.length()) {
            throw new IllegalArgumentException(
                    "path '" + path + "' is not like a.b[0].c at character " + (end + 1));
        }
        if (names.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("path '" + path + "' is deeper than " + MAX_DEPTH);
        }
        return new ValuePath(
                path,
                names.toArray(new String[0]),
                indexes.stream().mapToInt(Integer::intValue).toArray(),
                fromElement);
    }

    /** The characters of a leading root ({@code $.}, {@code $}, {@code @.}, {@code @}) to skip. */
    private static int rootLength(String path) {
        char root = path.charAt(0);
        if (root != '$' && root != '@') {
            return 0;
        }
        return path.startsWith(".", 1) ? 2 : path.startsWith("[", 1) ? 1 : 0;
    }

    /** Whether the path reads the current element of {@code each} ({@code @...}). */
    boolean fromElement() {
        return fromElement;
    }

    /**
     * The value there as text (numbers and booleans as written), or null when absent, null or not a
     * value.
     */
    String read(JsonNode record) {
        return read(record, null);
    }

    /**
     * As {@link #read(JsonNode)}, an {@code @} path reading {@code element} (null: reads nothing).
     */
    String read(JsonNode record, JsonNode element) {
        JsonNode node = valueNode(record, element);
        return node == null ? null : node.asText();
    }

    /**
     * The value node there (text, number or boolean), or null when absent, null or not a value; an
     * {@code @} path reads {@code element}.
     */
    JsonNode valueNode(JsonNode record, JsonNode element) {
        JsonNode node = fromElement ? element : record;
        for (int i = 0; i < names.length && node != null; i++) {
            node = names[i] != null ? node.get(names[i]) : node.get(indexes[i]);
        }
        return node == null || node.isNull() || node.isContainerNode() ? null : node;
    }

    boolean presentIn(JsonNode record) {
        return presentIn(record, null);
    }

    /** As {@link #presentIn(JsonNode)}, an {@code @} path looking in {@code element}. */
    boolean presentIn(JsonNode record, JsonNode element) {
        JsonNode start = fromElement ? element : record;
        JsonNode node = start == null ? null : find(start);
        return node != null && !node.isNull();
    }

    /** The node there (a value, an object or an array), or null when absent. */
    JsonNode find(JsonNode record) {
        JsonNode node = record;
        for (int i = 0; i < names.length && node != null; i++) {
            node = names[i] != null ? node.get(names[i]) : node.get(indexes[i]);
        }
        return node;
    }

    /** The field names of a path without array indexes ({@code a.b.c}), else null. */
    String[] fieldNames() {
        for (String n : names) {
            if (n == null) {
                return null;
            }
        }
        return names.clone();
    }

    @Override
    public String toString() {
        return text;
    }
}
