package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.vendors.CrowdStrikeNormalizer;
import io.securitycoach.normalize.vendors.DefenderNormalizer;
import io.securitycoach.normalize.vendors.NetskopeNormalizer;
import io.securitycoach.normalize.vendors.OktaNormalizer;
import io.securitycoach.normalize.vendors.ProofpointTapNormalizer;
import io.securitycoach.normalize.vendors.ZscalerWebNormalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in vendors by name, and detection of the vendor from a record's shape. */
public final class VendorRegistry {
    public static final String AUTO = "auto";

    private final Map<String, VendorNormalizer> byName = new LinkedHashMap<>();
    private final FeedSettings settings;

    public VendorRegistry(List<VendorNormalizer> normalizers) {
        this(normalizers, FeedSettings.NONE);
    }

    private VendorRegistry(List<VendorNormalizer> normalizers, FeedSettings settings) {
        for (VendorNormalizer n : normalizers) {
            byName.put(n.vendor(), n);
        }
        this.settings = settings;
    }

    public static VendorRegistry builtIn() {
        return builtIn(FeedSettings.NONE);
    }

    /**
     * The built-in vendors as an org's settings configure them (feed time zones, verified domains).
     */
    public static VendorRegistry builtIn(FeedSettings settings) {
        return new VendorRegistry(
                List.of(
                        new OktaNormalizer(),
                        new ZscalerWebNormalizer(settings.zone("zscaler")),
                        new ProofpointTapNormalizer(),
                        new CrowdStrikeNormalizer(),
                        new NetskopeNormalizer(),
                        new DefenderNormalizer()),
                settings);
    }

    /** The org settings these vendors read with. */
    public FeedSettings settings() {
        return settings;
    }

    /**
     * These vendors and {@code more} (an org's own parsing configurations, which cannot shadow
     * these), each bound to these built-ins ({@link VendorNormalizer#boundTo}) when it extends one.
     */
    public VendorRegistry plus(Collection<? extends VendorNormalizer> more) {
        List<VendorNormalizer> all = new ArrayList<>(byName.values());
        for (VendorNormalizer n : more) {
            if (!byName.containsKey(n.vendor())) {
                all.add(n.boundTo(this));
            }
        }
        return new VendorRegistry(all, settings);
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

    /**
     * The vendors whose shape the record has: exactly one for an unambiguous record. A
     * configuration that extends a built-in and recognizes the record is more specific than that
     * built-in, which then steps back.
     */
    public List<VendorNormalizer> recognizing(JsonNode record) {
        List<VendorNormalizer> matches = new ArrayList<>(1);
        for (VendorNormalizer n : byName.values()) {
            if (n.autoDetectable() && n.recognizes(record)) {
                matches.add(n);
            }
        }
        if (matches.size() > 1) {
            Set<String> extended = new HashSet<>();
            matches.forEach(n -> extended.add(n.extendsVendor()));
            matches.removeIf(n -> extended.contains(n.vendor()));
        }
        return matches;
    }
}
