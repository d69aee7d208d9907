package io.securitycoach.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vendor fields without a place in the schema, as parallel key/value arrays: arrays (unlike Map or
 * List fields) are serialized by Flink natively, so events stay POJOs without Kryo. In JSON and in
 * rules ({@code event.raw["field"]}) it is a plain map.
 *
 * <p>A record's fields may also be carried as the record's JSON text ({@link #deferred}) and
 * flattened only when something reads them ({@link #get}, {@link #asMap}, equality): most events
 * meet no rule that reads a vendor field, and one string crosses a shuffle more cheaply than a pair
 * per field. The public fields are the POJO's; code outside the serializers reads through the
 * methods.
 */
public class RawFields {
    /** No fields: an empty array cannot change, so every empty instance may hold the same one. */
    private static final String[] NONE = new String[0];

    /** The flattened fields; null while they are still {@link #json}. */
    public String[] keys;

    public String[] values;

    /** The record's JSON text while its fields are not flattened yet, else null. */
    public String json;

    public RawFields() {
        keys = NONE;
        values = NONE;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RawFields of(Map<String, String> fields) {
        RawFields r = new RawFields();
        r.keys = fields.keySet().toArray(new String[0]);
        r.values = new String[r.keys.length];
        for (int i = 0; i < r.keys.length; i++) {
            r.values[i] = fields.get(r.keys[i]);
        }
        return r;
    }

    /** The fields of a record's JSON text, flattened when first read. */
    public static RawFields deferred(String json) {
        return new RawFields(json);
    }

    private RawFields(String json) {
        this.json = json; // keys and values stay null until flattened
    }

    /** Whether the fields are still only the record's text. */
    public boolean isDeferred() {
        return json != null;
    }

    /**
     * Flattens the text once; the instance may be shared by a record's events, so it is kept. Not
     * thread-safe, like the event that holds it: one task thread reads an event.
     */
    private void flattenDeferred() {
        String text = json;
        if (text != null) {
            RawFields flat = RawFlattening.flatten(text);
            keys = flat.keys;
            values = flat.values;
            json = null;
        }
    }

    /** The keys, in the record's order (flattened first if need be). */
    public String[] keys() {
        flattenDeferred();
        return keys;
    }

    /** The values, parallel to {@link #keys()}. */
    public String[] values() {
        flattenDeferred();
        return values;
    }

    @JsonValue
    public Map<String, String> asMap() {
        flattenDeferred();
        if (keys == null || keys.length == 0) {
            return Collections.emptyMap();
        }
        Map<String, String> map = new LinkedHashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return map;
    }

    public String get(String key) {
        flattenDeferred();
        for (int i = 0; keys != null && i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RawFields)) return false;
        RawFields r = (RawFields) o;
        return Arrays.equals(keys(), r.keys()) && Arrays.equals(values(), r.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys());
    }
}
