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
 */
public class RawFields {
    public String[] keys = new String[0];
    public String[] values = new String[0];

    public RawFields() {}

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

    @JsonValue
    public Map<String, String> asMap() {
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
        return Arrays.equals(keys, r.keys) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys);
    }
}
