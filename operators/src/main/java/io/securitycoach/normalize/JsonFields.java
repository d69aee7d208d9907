package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.RawFields;
import io.securitycoach.schema.RawFlattening;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small, allocation-light helpers for reading vendor JSON: absent, null, blank and placeholder
 * values are null.
 */
public final class JsonFields {
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
     * Leaf fields flattened to dotted keys (arrays as key.N), bounded in count and size: {@link
     * RawFlattening#flatten}.
     */
    public static RawFields flatten(JsonNode record) {
        return RawFlattening.flatten(record);
    }
}
