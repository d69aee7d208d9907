package io.securitycoach.integrations;

import java.io.Serializable;

/** The operator's settings for every integration (never an org's: tenants cannot change these). */
public class IntegrationSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Loopback and private base URLs allowed (local stand-ins, {@code --allow-local-integrations});
     * never in production.
     */
    public boolean allowLocal;

    /** Tenant base URLs outside the vendor's own domains (an Okta custom domain) allowed. */
    public boolean allowCustomDomains;

    /** Per read of an answer; a request is given up after three times this. */
    public long requestTimeoutMillis = 10_000;

    /**
     * The bytes of a vendor's answer kept: a page or window larger is cut there (Proofpoint TAP
     * then asks for a shorter window).
     */
    public int maxResponseBytes = 16 * 1024 * 1024;

    /** Pages fetched in one poll before the poller lets checkpoints and other orgs through. */
    public int maxPagesPerPoll = 10;

    public long minBackoffMillis = 2_000;
    public long maxBackoffMillis = 300_000;

    /** An integration that has not caught up for longer than this is reported {@code lagging}. */
    public long lagAlertMillis = 15 * 60_000;

    /** Shortest poll interval an org may ask for. */
    public long minPollIntervalMillis = 10_000;

    /** In a bounded run: how long the final fetch of one integration may take at most. */
    public long drainTimeoutMillis = 120_000;

    public IntegrationSettings() {}
}
