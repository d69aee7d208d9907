package io.securitycoach.rules;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import io.securitycoach.schema.RuleValues;

/**
 * An upper bound of the size of a value during an evaluation: characters of a string, bytes of
 * bytes, elements of a list, entries of a map (1 for numbers, booleans, timestamps, ...), with the
 * bound of a list's elements or a map's keys and values. {@link RuleCost} prices each function by
 * the bounds of its inputs. Sizes saturate instead of overflowing.
 */
final class ValueBound {
    static final long SATURATED = Long.MAX_VALUE / 4;
    static final ValueBound SCALAR = new ValueBound(CelKind.INT, 1, null, null);

    final CelKind kind;
    final long length;

    /** A list's elements or a map's values; null for anything else. */
    final ValueBound element;

    /** A map's keys; null for anything else. */
    final ValueBound key;

    private ValueBound(CelKind kind, long length, ValueBound element, ValueBound key) {
        this.kind = kind;
        this.length = Math.min(length, SATURATED);
        this.element = element;
        this.key = key;
    }

    static ValueBound string(long chars) {
        return new ValueBound(CelKind.STRING, chars, null, null);
    }

    static ValueBound bytes(long bytes) {
        return new ValueBound(CelKind.BYTES, bytes, null, null);
    }

    static ValueBound list(long elements, ValueBound element) {
        return new ValueBound(CelKind.LIST, elements, element, null);
    }

    static ValueBound map(long entries, ValueBound key, ValueBound value) {
        return new ValueBound(CelKind.MAP, entries, value, key);
    }

    /**
     * What any value of a checked type can be: a string, list or map from the schema (cut by {@link
     * RuleValues}); records ({@code event}, {@code user}) as maps of their largest field.
     */
    static ValueBound ofType(CelType type) {
        switch (type.kind()) {
            case STRING:
                return string(RuleValues.MAX_STRING_CHARS);
            case BYTES:
                return bytes(3L * RuleValues.MAX_STRING_CHARS);
            case LIST:
                return list(RuleValues.MAX_ELEMENTS, ofType(type.parameters().get(0)));
            case MAP:
                return map(
                        RuleValues.MAX_ELEMENTS,
                        ofType(type.parameters().get(0)),
                        ofType(type.parameters().get(1)));
            case STRUCT: // event or user as a whole: a map whose every field is as large as raw
                ValueBound text = string(RuleValues.MAX_STRING_CHARS);
                return map(64, string(64), map(RuleValues.MAX_ELEMENTS, text, text));
            default:
                return SCALAR;
        }
    }

    boolean isText() {
        return kind == CelKind.STRING || kind == CelKind.BYTES;
    }

    boolean isCollection() {
        return kind == CelKind.LIST || kind == CelKind.MAP;
    }

    /** Everything the value holds: characters, elements, keys and values at every level. */
    long deep() {
        if (!isCollection()) {
            return length;
        }
        long each = 1 + element.deep() + (key == null ? 0 : key.deep());
        return times(length, each);
    }

    /** A bound of either value (e.g. both branches of {@code c ? a : b}). */
    ValueBound join(ValueBound o) {
        if (o == null) {
            return this;
        }
        CelKind k =
                kind == o.kind ? kind : (isCollection() || o.isCollection() ? CelKind.MAP : kind);
        ValueBound e = element == null ? o.element : element.join(o.element);
        ValueBound ky = key == null ? o.key : key.join(o.key);
        if ((k == CelKind.LIST || k == CelKind.MAP) && e == null) {
            e = SCALAR;
        }
        if (k == CelKind.MAP && ky == null) {
            ky = e;
        }
        return new ValueBound(k, Math.max(length, o.length), e, ky);
    }

    /** The same value with at most {@code max} as its length. */
    ValueBound atMost(long max) {
        return new ValueBound(kind, Math.min(length, max), element, key);
    }

    static long plus(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > SATURATED / b ? SATURATED : a * b;
    }
}
