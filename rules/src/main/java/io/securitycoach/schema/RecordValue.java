package io.securitycoach.schema;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record's fields as the map a rule reads ({@code event}, {@code user}), each read from the
 * record when a rule first asks for it. A rule reads a few of some forty fields, and building the
 * whole map for every event was a fifth of detection's time. Read-only; the record must not change
 * while rules read it (it does not: the detect stage evaluates an event's rules, then emits).
 */
final class RecordValue<T> extends AbstractMap<String, Object> {
    private static final Object UNREAD = new Object();

    private final Shape<T> shape;
    private final T record;
    private final Object[] values;

    RecordValue(Shape<T> shape, T record) {
        this.shape = shape;
        this.record = record;
        this.values = new Object[shape.names.length];
        Arrays.fill(values, UNREAD);
    }

    @Override
    public Object get(Object key) {
        Integer field = key == null ? null : shape.index.get(key);
        return field == null ? null : value(field);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && shape.index.containsKey(key);
    }

    @Override
    public int size() {
        return shape.names.length;
    }

    /** Every field, read now (iteration, equality, printing). */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>(shape.names.length * 2);
        for (int i = 0; i < shape.names.length; i++) {
            all.put(shape.names[i], value(i));
        }
        return Collections.unmodifiableMap(all).entrySet();
    }

    private Object value(int field) {
        Object v = values[field];
        if (v == UNREAD) {
            v = shape.reader.read(record, field);
            values[field] = v;
        }
        return v;
    }

    /** How a field of a record is read, by its position in the schema. */
    interface Reader<T> {
        /** The field's value as rules see it (never null: absent fields read as their default). */
        Object read(T record, int field);
    }

    /** The field names of one record type and how each is read. */
    static final class Shape<T> {
        final String[] names;
        final Map<String, Integer> index;
        final Reader<T> reader;

        Shape(String[] names, Reader<T> reader) {
            this.names = names.clone();
            this.reader = reader;
            Map<String, Integer> byName = new HashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                byName.put(names[i], i);
            }
            this.index = Map.copyOf(byName);
        }
    }
}
