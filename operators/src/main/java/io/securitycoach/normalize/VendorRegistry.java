package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.vendors.CrowdStrikeNormalizer;
import io.securitycoach.normalize.vendors.DefenderNormalizer;
import io.securitycoach.normalize.vendors.NetskopeNormalizer;
import io.securitycoach.normalize.vendors.OktaNormalizer;
import io.securitycoach.normalize.vendors.ProofpointTapNormalizer;
import io.securitycoach.normalize.vendors.ZscalerWebNormalizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in vendors by name, and detection of the vendor from a record's shape. */
public final class VendorRegistry {
    public static final String AUTO = "auto";

    private final Map<String, VendorNormalizer> byName = new LinkedHashMap<>();

    public VendorRegistry(List<VendorNormalizer> normalizers) {
        for (VendorNormalizer n : normalizers) {
            byName.put(n.vendor(), n);
        }
    }

    public static VendorRegistry builtIn() {
        return new VendorRegistry(List.of(new OktaNormalizer(), new ZscalerWebNormalizer(), new ProofpointTapNormalizer(),
                new CrowdStrikeNormalizer(), new NetskopeNormalizer(), new DefenderNormalizer()));
    }

    /** These vendors and {@code more} (an org's own parsing configurations, which cannot shadow these). */
    public VendorRegistry plus(java.util.Collection<? extends VendorNormalizer> more) {
        List<VendorNormalizer> all = new ArrayList<>(byName.values());
        for (VendorNormalizer n : more) {
            if (!byName.containsKey(n.vendor())) {
                all.add(n);
            }
        }
        return new VendorRegistry(all);
    }

    public boolean knows(String vendor) {
        return byName.containsKey(vendor);
    }

    public Optional<VendorNormalizer> byName(String vendor) {
        return Optional.ofNullable(byName.get(vendor));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The vendors whose shape the record has: exactly one for an unambiguous record. */
    public List<VendorNormalizer> recognizing(JsonNode record) {
        List<VendorNormalizer> matches = new ArrayList<>(1);
        for (VendorNormalizer n : byName.values()) {
            if (n.autoDetectable() && n.recognizes(record)) {
                matches.add(n);
            }
        }
        return matches;
    }
}
