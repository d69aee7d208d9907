package io.securitycoach.integrations;

import java.util.Objects;

/**
 * One org's integration with one vendor API, as accepted from an {@code integration_upsert}: where
 * to fetch, with which credential (a secret reference, never a value), how often and from when.
 * Kept in the poller's keyed state (a Flink POJO).
 */
public class IntegrationDefinition {
    public String orgId;
    public String vendor;
    public long version;

    /** The API's origin (and path prefix where the vendor has one), without a trailing slash. */
    public String baseUrl;

    /**
     * How the credential is used: {@code ssws}, {@code oauth} (client credentials) or {@code
     * basic}.
     */
    public String auth;

    /** OAuth client id, or the basic-auth principal (not secrets). */
    public String clientId;

    /**
     * The secret by reference: the API token, the OAuth client secret, the basic password, or (Okta
     * {@code oauth}) the service app's PEM private key.
     */
    public String secretRef;

    /** The {@code kid} of the service app's public key in Okta, sent in the assertion; or null. */
    public String keyId;

    /** A tenant id where the vendor's token endpoint names one (Microsoft Entra). */
    public String tenantId;

    public long pollIntervalMillis;
    public int pageSize;

    /** How far back the first fetch goes. */
    public long backfillMillis;

    /** Where the first fetch starts (epoch ms), or 0 for now minus the backfill. */
    public long startTime;

    public boolean paused;

    public IntegrationDefinition() {}

    /** org/vendor: the key of the poller and of the summary's maps. */
    public String key() {
        return orgId + "/" + vendor;
    }

    /** True when a change points at another tenant or account: the cursor starts afresh. */
    public boolean sameSourceAs(IntegrationDefinition other) {
        return other != null
                && Objects.equals(baseUrl, other.baseUrl)
                && Objects.equals(tenantId, other.tenantId)
                && Objects.equals(clientId, other.clientId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof IntegrationDefinition)) return false;
        IntegrationDefinition d = (IntegrationDefinition) o;
        return version == d.version
                && pollIntervalMillis == d.pollIntervalMillis
                && pageSize == d.pageSize
                && backfillMillis == d.backfillMillis
                && startTime == d.startTime
                && paused == d.paused
                && Objects.equals(orgId, d.orgId)
                && Objects.equals(vendor, d.vendor)
                && Objects.equals(baseUrl, d.baseUrl)
                && Objects.equals(auth, d.auth)
                && Objects.equals(clientId, d.clientId)
                && Objects.equals(secretRef, d.secretRef)
                && Objects.equals(keyId, d.keyId)
                && Objects.equals(tenantId, d.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, vendor, version);
    }
}
