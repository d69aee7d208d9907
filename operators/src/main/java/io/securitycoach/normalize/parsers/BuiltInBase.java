package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;

/**
 * The built-in vendor a configuration extends ({@code extends: zscaler}) and the renames that bring
 * the feed's field names to the ones it reads. It is bound to the built-in of the registry the
 * configuration joins, so the org's feed settings (feed time zones, verified domains) apply as for
 * the built-in itself.
 */
final class BuiltInBase {
    private final String vendor;
    private final VendorNormalizer builtIn;
    private final Renames renames;

    BuiltInBase(String vendor, VendorNormalizer builtIn, Renames renames) {
        this.vendor = vendor;
        this.builtIn = builtIn;
        this.renames = renames;
    }

    String vendor() {
        return vendor;
    }

    VendorNormalizer builtIn() {
        return builtIn;
    }

    /**
     * The same base, on the registry's own instance of the built-in (configured by the org's
     * settings).
     */
    BuiltInBase boundTo(VendorRegistry builtIns) {
        VendorNormalizer configured = builtIns.byName(vendor).orElse(builtIn);
        return configured == builtIn ? this : new BuiltInBase(vendor, configured, renames);
    }

    /** The record under the names the built-in reads. */
    JsonNode renamed(JsonNode record) {
        return renames.apply(record);
    }
}
