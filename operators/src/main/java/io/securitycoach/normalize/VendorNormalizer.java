package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.SecurityEvent;

/**
 * Maps one vendor's record shape to {@link SecurityEvent}. One class per vendor; a new vendor is
 * one new implementation registered in {@link VendorRegistry}, plus its samples and fixture tests.
 * Implementations are stateless and thread-safe.
 */
public interface VendorNormalizer {
    /** The vendor name used in folder names, stream tags and {@code event.vendor}. */
    String vendor();

    /**
     * Whether the record has this vendor's shape: checked for a named vendor, and for {@code auto}
     * detection. Must be cheap.
     */
    boolean recognizes(JsonNode record);

    /**
     * Whether {@code auto} may pick this vendor: not when its shape says nothing (a parsing
     * configuration without recognize paths).
     */
    default boolean autoDetectable() {
        return true;
    }

    /**
     * Fills {@code out} from the record. Time and identity are required; the common checks (sane
     * time, identity present, uid) are applied by {@link EventNormalizer} afterwards.
     */
    void normalize(JsonNode record, SecurityEvent out) throws NormalizationException;

    /**
     * How many events the record describes: a message to three recipients is three (each person is
     * coached).
     */
    default int eventCount(JsonNode record) {
        return 1;
    }

    /**
     * Fills {@code out} with the {@code index}-th event of the record (0 to {@link #eventCount} -
     * 1). Events after the first may leave {@code raw} null: they get the first event's (the same
     * record's vendor fields).
     */
    default void normalize(JsonNode record, int index, SecurityEvent out)
            throws NormalizationException {
        normalize(record, out);
    }

    /**
     * The built-in vendor this one extends (a parsing configuration with {@code extends}), else
     * null.
     */
    default String extendsVendor() {
        return null;
    }

    /**
     * This normalizer as it joins a registry of built-in vendors: one that extends a built-in (a
     * parsing configuration with {@code extends}) takes the registry's instance of it, as the org's
     * settings configure it.
     */
    default VendorNormalizer boundTo(VendorRegistry builtIns) {
        return this;
    }

    /**
     * The vendor's name for the kind of record (an event type, an alert type), for reports; cheap.
     */
    default String recordType(JsonNode record) {
        return "record";
    }
}
