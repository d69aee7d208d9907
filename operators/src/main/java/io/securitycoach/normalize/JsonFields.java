package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.RawFields;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small, allocation-light helpers for reading vendor JSON: absent, null, blank and placeholder
 * values are null.
 */
public final class JsonFields {
    private static final int MAX_RAW_ENTRIES = 256;
    private static final int MAX_RAW_VALUE_CHARS = 2048;
    private static final int MAX_CACHED_PATHS = 4096;
    private static final Map<String, String[]> SEGMENTS = new ConcurrentHashMap<>();

    private JsonFields() {}

    /** The text at a dotted path, or null. Numbers and booleans are returned as their text. */
    public static String text(JsonNode root, String path) {
        return textOf(at(root, path));
    }

    /**
     * The text of a top-level field, or null: {@link #text} for a name without dots (the vendor
     * mappings' own names), without looking for one.
     */
    public static String field(JsonNode root, String name) {
        return textOf(root.get(name));
    }

    /**
     * {@link #field}, but a zero ({@code 0}, {@code "0"}, {@code 0.0}) is null too: what vendors
     * write in an id or count that does not apply to the record, not evidence of one.
     */
    public static String nonZero(JsonNode root, String name) {
        String value = field(root, name);
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '0' && c != '.' && c != ' ') {
                return value;
            }
        }
        return null;
    }

    private static String textOf(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText();
        return isPlaceholder(value) || value.isBlank() ? null : value;
    }

    /**
     * What vendors write for "nothing here" (empty, -, NA, N/A, None, none, null); by length first:
     * hashing every value for a set cost more than the rest of the check.
     */
    private static boolean isPlaceholder(String value) {
        switch (value.length()) {
            case 0:
                return true;
            case 1:
                return value.equals("-");
            case 2:
                return value.equals("NA");
            case 3:
                return value.equals("N/A");
            case 4:
                return value.equals("None") || value.equals("none") || value.equals("null");
            default:
                return false;
        }
    }

    /** The first of two vendor fields that is present. */
    public static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * The node at a dotted path, or null. A field named exactly {@code path} comes first (the
     * common case, with no path to split; a vendor key that itself holds dots also counts).
     */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode direct = root.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        JsonNode node = root;
        for (String name : segments(path)) {
            node = node.get(name);
            if (node == null) {
                break;
            }
        }
        return node;
    }

    /**
     * A dotted path's names, split once per path (paths are the code's and the parsing
     * configurations').
     */
    private static String[] segments(String path) {
        String[] cached = SEGMENTS.get(path);
        if (cached != null) {
            return cached;
        }
        String[] split = path.split("\\.", -1);
        if (SEGMENTS.size() < MAX_CACHED_PATHS) {
            SEGMENTS.put(path, split);
        }
        return split;
    }

    /**
     * The lower-cased host of a URL or of a proxy's "host/path" form, without parsing the whole URL
     * (a java.net.URI per event costs more than the rest of a record's mapping).
     */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = url.indexOf('@', start);
        int end = start;
        while (end < url.length() && !endsAuthority(url.charAt(end))) {
            end++;
        }
        if (at >= 0 && at < end) {
            start = at + 1; // user info
        }
        String authority = url.substring(start, end);
        int colon =
                authority.startsWith("[")
                        ? authority.indexOf("]:") + 1
                        : authority.lastIndexOf(':');
        String host = colon > 0 ? authority.substring(0, colon) : authority;
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#';
    }

    /** An ISO-8601 instant in epoch ms. */
    public static long isoTime(JsonNode root, String path) throws NormalizationException {
        String value = text(root, path);
        if (value == null) {
            throw new NormalizationException(Reasons.MISSING_TIME, "no time in '" + path + "'");
        }
        try {
            return IsoInstants.parseMillis(value);
        } catch (DateTimeException | ArithmeticException e) {
            // ArithmeticException: a year such as +999999999 parses but does not fit epoch millis
            throw new NormalizationException(
                    Reasons.INVALID_TIME, "'" + path + "' is not an ISO-8601 time: " + value);
        }
    }

    /**
     * Leaf fields flattened to dotted keys (arrays as key.N), bounded in count and size. The arrays
     * are the record's own, sized from its top-level fields: filling long-lived scratch arrays cost
     * more in the collector's write barriers than allocating young ones.
     */
    public static RawFields flatten(JsonNode record) {
        Leaves leaves = new Leaves(Math.min(MAX_RAW_ENTRIES, record.size() + 8));
        leaves.walk(record, new StringBuilder(64));
        RawFields raw = new RawFields();
        raw.keys = leaves.exact(leaves.keys);
        raw.values = leaves.exact(leaves.values);
        return raw;
    }

    /** The leaves found so far, at most {@link #MAX_RAW_ENTRIES}. */
    private static final class Leaves {
        String[] keys;
        String[] values;
        int count;

        Leaves(int capacity) {
            keys = new String[capacity];
            values = new String[capacity];
        }

        /** The array cut to the leaves found (itself when they fill it). */
        String[] exact(String[] array) {
            return count == array.length ? array : Arrays.copyOf(array, count);
        }

        /**
         * One key buffer for the whole walk: a key string is made once per leaf, not once per
         * level.
         */
        void walk(JsonNode node, StringBuilder key) {
            if (count >= MAX_RAW_ENTRIES) {
                return;
            }
            int length = key.length();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode value = field.getValue();
                    if (length == 0 && value.isValueNode()) {
                        add(
                                field.getKey(),
                                value); // a top-level field: its name is the key, no copy
                        continue;
                    }
                    (length == 0 ? key : key.append('.')).append(field.getKey());
                    walk(value, key);
                    key.setLength(length);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    key.append('.').append(i);
                    walk(node.get(i), key);
                    key.setLength(length);
                }
            } else if (!node.isNull()) {
                add(key.toString(), node);
            }
        }

        private void add(String key, JsonNode node) {
            if (node.isNull() || count >= MAX_RAW_ENTRIES) {
                return;
            }
            if (count == keys.length) {
                int grown = Math.min(MAX_RAW_ENTRIES, count * 2);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
            }
            String value = node.asText();
            keys[count] = key;
            values[count] =
                    value.length() > MAX_RAW_VALUE_CHARS
                            ? value.substring(0, MAX_RAW_VALUE_CHARS)
                            : value;
            count++;
        }
    }
}
