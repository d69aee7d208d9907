package io.securitycoach.schema;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code event.raw} as a rule sees it, made (flattened if carried as text, then cut to {@link
 * RuleValues}' bounds) the first time a rule reads it: most rules read no vendor field, and every
 * event's value was a map built and copied for nothing.
 */
final class RawValue extends AbstractMap<Object, Object> {
    private final RawFields raw;
    private Map<?, ?> value;

    RawValue(RawFields raw) {
        this.raw = raw;
    }

    private Map<?, ?> value() {
        if (value == null) {
            value = (Map<?, ?>) RuleValues.cut(raw.asMap());
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<Object, Object>> entrySet() {
        return ((Map<Object, Object>) value()).entrySet();
    }

    @Override
    public Object get(Object key) {
        return value().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return value().containsKey(key);
    }

    @Override
    public int size() {
        return value().size();
    }

    /** Whether a rule has read it yet (tests). */
    boolean made() {
        return value != null;
    }
}
