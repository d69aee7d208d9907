package io.securitycoach.integrations;

import io.securitycoach.integrations.vendors.CrowdStrikeAlerts;
import io.securitycoach.integrations.vendors.GraphSecurityAlerts;
import io.securitycoach.integrations.vendors.NetskopeDataExport;
import io.securitycoach.integrations.vendors.OktaSystemLog;
import io.securitycoach.integrations.vendors.ProofpointTap;
import java.util.Map;
import java.util.TreeMap;

/** Every vendor API the job can poll, by the name integrations use. */
public final class VendorApis {
    private static final Map<String, VendorApi> APIS = new TreeMap<>();

    static {
        register(new OktaSystemLog());
        register(new GraphSecurityAlerts());
        register(new CrowdStrikeAlerts());
        register(new ProofpointTap());
        register(new NetskopeDataExport());
    }

    private VendorApis() {}

    private static void register(VendorApi api) {
        APIS.put(api.name(), api);
    }

    /** The API of that name, or null. */
    public static VendorApi get(String name) {
        return name == null ? null : APIS.get(name);
    }

    public static Iterable<String> names() {
        return APIS.keySet();
    }
}
