package io.securitycoach.notify;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.options.OptionValues;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

/**
 * Where coaching goes and how hard to try: one endpoint URL per channel, per-request timeout, retry
 * schedule (exponential backoff), and the async operator's capacity. What the configuration can
 * change is declared in {@link NotifyOptions} and read here, so {@code new NotifierSettings()}
 * holds exactly the declared defaults; endpoints, channels and the module catalogue are the job's
 * wiring.
 */
public class NotifierSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, String> endpoints = new HashMap<>();
    public long requestTimeoutMillis;
    public int maxAttempts;
    public long initialBackoffMillis;
    public double backoffMultiplier = 2.0;

    /** Longest wait between attempts, also the cap on a receiver's Retry-After. */
    public long maxBackoffMillis = 60_000;

    /** In-flight notifications per async operator instance. */
    public int capacity = 100;

    public String moduleBaseUrl = "https://learn.example.com/modules/";

    /**
     * Exact origins ({@code scheme://host:port}) of the operator's own endpoints allowed although
     * they resolve to private or loopback addresses. They apply only to endpoints from the
     * operator's configuration (receiver, status webhook), never to an org's destination.
     */
    public HashSet<String> allowedOrigins = new HashSet<>();

    /** Slack bot token when an org names none. */
    public String slackTokenRef;

    /**
     * HMAC secret that signs webhook deliveries to the operator's own webhook endpoint; null =
     * unsigned.
     */
    public String signingSecretRef;

    /** The share of a notify task's async slots one org may hold, in percent (at least one). */
    public int orgSharePercent;

    /** Async slots one destination (org, channel, destination reference) may hold per task. */
    public int destinationSlots;

    /**
     * The longest a notification holds a slot of the first notify lane; what would wait longer is
     * parked. Also the Retry-After from which a 429 opens the destination's circuit.
     */
    public long maxHoldMillis;

    /** Parked notifications one destination may have waiting; more fail with parked_overflow. */
    public int parkedPerDestination;

    /** Parked notifications of one destination released to the retry lane per second at most. */
    public int parkedReleasePerSecond;

    public int maxInFlightPerHost = 16;
    public int circuitFailures = 5;
    public long circuitOpenMillis = 30_000;

    /**
     * Coaching messages one person receives per UTC day at most; more are skipped with a status.
     */
    public int dailyCapPerUser;

    /**
     * Where relative {@code file:} references (an org's, {@code file:orgs/<org>/...}) are read
     * from.
     */
    public String secretsDir;

    /**
     * AWS Secrets Manager region for aws-secrets-manager: references; null = the SDK's default
     * region chain.
     */
    public String secretsManagerRegion;

    /** Secrets Manager endpoint override (VPC endpoints, tests); null = AWS's own. */
    public String secretsManagerEndpoint;

    /**
     * How long a resolved secret value is used before it is read again (so a rotation is picked
     * up).
     */
    public long secretsCacheMillis;

    /**
     * Threads per notify task for secret lookups (files, Secrets Manager calls); one lookup per
     * reference at a time.
     */
    public int secretLookupThreads;

    /** Threads per notify task for the SSRF check's DNS lookups; one lookup per host at a time. */
    public int dnsLookupThreads;

    /**
     * Optional: a secret reference to the URL that receives every delivery status (the product's
     * API).
     */
    public String statusWebhookRef;

    /**
     * The status webhook's own HMAC secret (never an org's, nor the webhook channel's); null =
     * unsigned.
     */
    public String statusWebhookSigningRef;

    /**
     * Module titles, reasons, links and templates; without a catalogue links are moduleBaseUrl +
     * id.
     */
    public CoachingModules modules = CoachingModules.none();

    /** The declared defaults, no endpoints. */
    public NotifierSettings() {
        this(OptionValues.defaults());
    }

    /** The {@link NotifyOptions} knobs from {@code options}; endpoints are the caller's. */
    public NotifierSettings(OptionValues options) {
        secretReferences(options);
        lookups(options);
        deliveryLimits(options);
        fairShares(options);
        allowedOrigins(options);
    }

    /** References to secrets, never their values (those are looked up when sending). */
    private void secretReferences(OptionValues options) {
        slackTokenRef = options.get(NotifyOptions.SLACK_TOKEN_REF);
        signingSecretRef = options.get(NotifyOptions.WEBHOOK_SIGNING_REF);
        statusWebhookRef = options.get(NotifyOptions.STATUS_WEBHOOK_REF);
        statusWebhookSigningRef = options.get(NotifyOptions.STATUS_WEBHOOK_SIGNING_REF);
    }

    /** Where and how secrets and host names are looked up. */
    private void lookups(OptionValues options) {
        secretsDir = options.get(NotifyOptions.SECRETS_DIR);
        secretsCacheMillis = options.get(NotifyOptions.SECRETS_CACHE_TTL).toMillis();
        secretLookupThreads = Math.max(1, options.get(NotifyOptions.SECRET_LOOKUP_THREADS));
        dnsLookupThreads = Math.max(1, options.get(NotifyOptions.DNS_LOOKUP_THREADS));
        secretsManagerRegion = options.get(NotifyOptions.SECRETS_MANAGER_REGION);
        secretsManagerEndpoint = options.get(NotifyOptions.SECRETS_MANAGER_ENDPOINT);
    }

    private void deliveryLimits(OptionValues options) {
        requestTimeoutMillis = options.get(NotifyOptions.REQUEST_TIMEOUT).toMillis();
        maxAttempts = Math.max(1, options.get(NotifyOptions.MAX_ATTEMPTS));
        initialBackoffMillis = options.get(NotifyOptions.INITIAL_BACKOFF).toMillis();
        dailyCapPerUser = options.get(NotifyOptions.DAILY_CAP);
    }

    /** Each org's and destination's share of the notify slots, and where parked ones wait. */
    private void fairShares(OptionValues options) {
        orgSharePercent = Math.max(1, Math.min(100, options.get(NotifyOptions.ORG_SHARE_PERCENT)));
        destinationSlots = Math.max(1, options.get(NotifyOptions.DESTINATION_SLOTS));
        maxHoldMillis = options.get(NotifyOptions.MAX_HOLD).toMillis();
        parkedPerDestination = Math.max(1, options.get(NotifyOptions.PARKED_PER_DESTINATION));
        parkedReleasePerSecond = Math.max(1, options.get(NotifyOptions.PARKED_RELEASE_PER_SECOND));
    }

    /** Private hosts the operator allowed for its own endpoints. */
    private void allowedOrigins(OptionValues options) {
        for (String origin : options.get(NotifyOptions.ALLOWED_PRIVATE_HOSTS)) {
            try {
                allowedOrigins.add(DestinationGuard.requireOrigin(origin));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        NotifyOptions.ALLOWED_PRIVATE_HOSTS.id() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Every channel to {@code baseUrl + "/" + channel}: the local receiver, or one given with
     * --receiver.
     */
    public static NotifierSettings allChannelsTo(String baseUrl) {
        return new NotifierSettings().routeAllChannelsTo(baseUrl);
    }

    /** This, with every channel to {@code baseUrl + "/" + channel} (and that origin allowed). */
    public NotifierSettings routeAllChannelsTo(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        endpoints.clear();
        for (ChannelName channel : ChannelName.values()) {
            endpoints.put(channel.id(), base + "/" + channel.id());
        }
        // The operator named this receiver itself: allow it even on a private address.
        allowedOrigins.add(originOf(base));
        return this;
    }

    /** {@code scheme://host:port} of a URL the operator configured, for {@link #allowedOrigins}. */
    public static String originOf(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The wait before attempt {@code n+1} after attempt {@code n} failed (n from 1). */
    public long backoffMillis(int attempt) {
        double wait = initialBackoffMillis * Math.pow(backoffMultiplier, attempt - 1);
        return (long) Math.min(wait, maxBackoffMillis);
    }

    /**
     * The longest a notification can take end to end: the async operator's timeout sits above it.
     */
    public Duration worstCase() {
        long total = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            total += 3 * requestTimeoutMillis; // the notifier ends an attempt after this
            // (Slack makes two calls)
            if (attempt < maxAttempts) {
                total +=
                        Math.max(
                                maxBackoffMillis,
                                circuitOpenMillis); // Retry-After and open circuits are capped by
                // these
            }
        }
        return Duration.ofMillis(total);
    }
}
