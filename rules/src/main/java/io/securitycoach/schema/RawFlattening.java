package io.securitycoach.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * A vendor record's leaf fields as {@link RawFields}: from its parsed tree (at normalization), or
 * from its text when the fields were carried as the record's JSON and a reader asks for them.
 */
public final class RawFlattening {
    private static final int MAX_RAW_ENTRIES = 256;
    private static final int MAX_RAW_VALUE_CHARS = 2048;

    /** The reader of the normalizer: the same text gives the same tree, so the same fields. */
    private static final ObjectReader TREE_READER = Json.mapper().readerFor(JsonNode.class);

    private RawFlattening() {}

    /**
     * The fields of a record's JSON text, as {@link #flatten(JsonNode)} gives them for its tree;
     * none for text that is not a JSON object (never the case for text a normalizer parsed).
     */
    public static RawFields flatten(String json) {
        try {
            JsonNode record = TREE_READER.readTree(json);
            return record != null && record.isObject() ? flatten(record) : new RawFields();
        } catch (IOException e) {
            // the normalizer parsed this very text, so this is unreachable; no fields rather than
            // a rule failing on a vendor field
            return new RawFields();
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
