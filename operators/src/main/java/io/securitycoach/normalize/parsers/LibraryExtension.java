package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An org's configuration that enables a library configuration by name ({@code extends: duo-auth})
 * with optional overrides: the library's configuration with the org's keys on top, compiled as one
 * whole configuration, so the overrides are checked like any configuration. {@code fields} and
 * {@code rename} merge per entry (an entry set to null removes the library's); every other key the
 * org gives replaces the library's. Each merge starts from a fresh copy of the library text: one
 * org's overrides never reach another org's configuration.
 */
final class LibraryExtension {
    private LibraryExtension() {}

    /** The library configuration {@code library} with the org's {@code override} on top. */
    static ObjectNode merge(ObjectNode library, JsonNode override) {
        ObjectNode merged = library.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if ("extends".equals(key)) {
                continue; // the library's own extends (of a built-in), if any, stays
            }
            JsonNode base = merged.get(key);
            if (("fields".equals(key) || "rename".equals(key))
                    && base != null
                    && base.isObject()
                    && e.getValue().isObject()) {
                mergeEntries((ObjectNode) base, e.getValue());
            } else {
                merged.set(key, e.getValue());
            }
        }
        return merged;
    }

    private static void mergeEntries(ObjectNode base, JsonNode override) {
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                base.remove(e.getKey());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
