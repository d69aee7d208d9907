package io.securitycoach.integrations;

import io.securitycoach.options.OptionValues;
import java.io.Serializable;

/**
 * The operator's settings for every integration (never an org's: tenants cannot change these), read
 * from the {@link IntegrationOptions}; {@code new IntegrationSettings()} holds their defaults.
 */
public class IntegrationSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Loopback and private base URLs allowed (local stand-ins, {@code --allow-local-integrations});
     * never in production, so no configuration key sets it.
     */
    public boolean allowLocal;

    /** Tenant base URLs outside the vendor's own domains (an Okta custom domain) allowed. */
    public boolean allowCustomDomains;

    /** Per read of an answer; a request is given up after three times this. */
    public long requestTimeoutMillis;

    /**
     * The bytes of a vendor's answer kept: a page or window larger is cut there (Proofpoint TAP
     * then asks for a shorter window).
     */
    public int maxResponseBytes = 16 * 1024 * 1024;

    /** Pages fetched in one poll before the poller lets checkpoints and other orgs through. */
    public int maxPagesPerPoll;

    public long minBackoffMillis;
    public long maxBackoffMillis;

    /** An integration that has not caught up for longer than this is reported {@code lagging}. */
    public long lagAlertMillis;

    /** Shortest poll interval an org may ask for. */
    public long minPollIntervalMillis;

    /** The poll interval and backfill of an org's integration that names none. */
    public long defaultPollIntervalMillis;

    public long defaultBackfillMillis;

    /** In a bounded run: how long the final fetch of one integration may take at most. */
    public long drainTimeoutMillis;

    /** The declared defaults. */
    public IntegrationSettings() {
        this(OptionValues.defaults());
    }

    public IntegrationSettings(OptionValues options) {
        allowCustomDomains = options.get(IntegrationOptions.ALLOW_CUSTOM_DOMAINS);
        requestTimeoutMillis = options.get(IntegrationOptions.REQUEST_TIMEOUT).toMillis();
        maxPagesPerPoll = Math.max(1, options.get(IntegrationOptions.MAX_PAGES_PER_POLL));
        minBackoffMillis = options.get(IntegrationOptions.MIN_BACKOFF).toMillis();
        maxBackoffMillis = options.get(IntegrationOptions.MAX_BACKOFF).toMillis();
        lagAlertMillis = options.get(IntegrationOptions.LAG_ALERT).toMillis();
        minPollIntervalMillis = options.get(IntegrationOptions.MIN_POLL_INTERVAL).toMillis();
        defaultPollIntervalMillis =
                options.get(IntegrationOptions.DEFAULT_POLL_INTERVAL).toMillis();
        defaultBackfillMillis = options.get(IntegrationOptions.DEFAULT_BACKFILL).toMillis();
        drainTimeoutMillis = options.get(IntegrationOptions.DRAIN_TIMEOUT).toMillis();
    }
}
