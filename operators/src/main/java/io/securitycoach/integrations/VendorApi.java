package io.securitycoach.integrations;

import java.util.List;

/**
 * One vendor API's polling protocol: how to ask for the next page from a cursor, and what a page
 * says. Stateless (the cursor is the poller's state; tokens live in {@link VendorCall}).
 */
public interface VendorApi {
    /** The integration's vendor name (the control message's {@code rule_id}). */
    String name();

    /** The vendor tag the fetched records carry, naming their normalizer. */
    String normalizerVendor();

    /** The API's fixed origin, or null when each tenant has its own (Okta). */
    String fixedBaseUrl();

    /** Host patterns a tenant's base URL may have ({@code *.okta.com}); empty with a fixed one. */
    List<String> hostPatterns();

    /**
     * Whether the operator's {@code allowCustomDomains} may let a tenant name a host outside {@link
     * #hostPatterns()} (an Okta custom domain); false for APIs on a fixed list of clouds.
     */
    default boolean customDomains() {
        return fixedBaseUrl() == null;
    }

    /** The credential kinds the API takes: ssws, oauth, basic. */
    List<String> authKinds();

    /**
     * True when {@code auth: oauth} authenticates with a JWT signed by the client's private key
     * ({@code private_key} and {@code key_id}) rather than a client secret.
     */
    default boolean oauthWithPrivateKey() {
        return false;
    }

    int defaultPageSize();

    int maxPageSize();

    /** How far back the vendor keeps events: the longest backfill. */
    long maxBackfillMillis();

    /**
     * The shortest poll interval the vendor's request budget allows (0: the operator's minimum).
     */
    default long minPollIntervalMillis() {
        return 0;
    }

    /** True when the definition must name the vendor tenant (Microsoft Entra's token endpoint). */
    default boolean needsTenantId() {
        return false;
    }

    /**
     * Fetches the page after {@code cursor}; never changes it (the poller applies the page).
     *
     * @throws VendorException with the kind of failure, and how long the vendor asked us to wait
     */
    Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException;
}
