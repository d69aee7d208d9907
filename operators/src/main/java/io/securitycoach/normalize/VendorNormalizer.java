package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.SecurityEvent;

/**
 * Maps one vendor's record shape to {@link SecurityEvent}. One class per vendor; a new vendor is one
 * new implementation registered in {@link VendorRegistry}, plus its samples and fixture tests.
 * Implementations are stateless and thread-safe.
 */
public interface VendorNormalizer {
    /** The vendor name used in folder names, stream tags and {@code event.vendor}. */
    String vendor();

    /** Whether the record has this vendor's shape: checked for a named vendor, and for {@code auto} detection. Must be cheap. */
    boolean recognizes(JsonNode record);

    /** Whether {@code auto} may pick this vendor: not when its shape says nothing (a parsing configuration without recognize paths). */
    default boolean autoDetectable() {
        return true;
    }

    /**
     * Fills {@code out} from the record. Time and identity are required; the common checks (sane time,
     * identity present, uid) are applied by {@link EventNormalizer} afterwards.
     */
    void normalize(JsonNode record, SecurityEvent out) throws NormalizationException;
}
