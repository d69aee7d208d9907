package io.securitycoach.integrations;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import java.time.Duration;

/**
 * The operator's settings for every vendor API integration ({@code Integrations} group, read by
 * {@link IntegrationSettings}); never an org's: tenants cannot change these.
 */
public final class IntegrationOptions {
    public static final OptionGroup INTEGRATIONS = new OptionGroup("Integrations");

    public static final Option<Duration> REQUEST_TIMEOUT =
            INTEGRATIONS.duration(
                    "request.timeout",
                    "10s",
                    "Per read of a vendor API's answer; a request is given up after three times"
                            + " this.");
    public static final Option<Integer> MAX_PAGES_PER_POLL =
            INTEGRATIONS.integer(
                    "max-pages-per-poll",
                    "10",
                    "Pages one poll of an integration fetches at most, so one org's backlog"
                            + " cannot hold up checkpoints and other orgs.");
    public static final Option<Duration> MIN_BACKOFF =
            INTEGRATIONS.duration(
                    "backoff.min",
                    "2s",
                    "Wait after an integration's first failed poll; doubles with each further"
                            + " failure up to backoff.max (a vendor's Retry-After wins).");
    public static final Option<Duration> MAX_BACKOFF =
            INTEGRATIONS.duration(
                    "backoff.max",
                    "5m",
                    "Longest wait between failed polls; also the wait after a refused token or"
                            + " permission (a person must act).");
    public static final Option<Duration> LAG_ALERT =
            INTEGRATIONS.duration(
                    "lag-alert",
                    "15m",
                    "An integration that has not caught up for longer than this gets the status"
                            + " `lagging`.");
    public static final Option<Duration> MIN_POLL_INTERVAL =
            INTEGRATIONS.duration(
                    "poll-interval.min",
                    "10s",
                    "Shortest poll_interval an org's integration may ask for; a shorter one is"
                            + " rejected.");
    public static final Option<Duration> DEFAULT_POLL_INTERVAL =
            INTEGRATIONS.duration(
                    "poll-interval.default",
                    "1m",
                    "Poll interval of an org's integration that names none (kept between"
                            + " poll-interval.min and 1h).");
    public static final Option<Duration> DEFAULT_BACKFILL =
            INTEGRATIONS.duration(
                    "backfill.default",
                    "1d",
                    "How far back a new integration that names no backfill starts reading (at"
                            + " most what the vendor keeps).");
    public static final Option<Duration> DRAIN_TIMEOUT =
            INTEGRATIONS.duration(
                    "drain-timeout",
                    "2m",
                    "Bounded runs: how long the final fetch of one integration may take at most.");
    public static final Option<Boolean> ALLOW_CUSTOM_DOMAINS =
            INTEGRATIONS.flag(
                    "allow-custom-domains",
                    "false",
                    "Allow an org's integration base URL outside the vendor's own domains (an Okta"
                            + " custom domain); it must still be https and a public host name.");

    private IntegrationOptions() {}
}
