package io.securitycoach.notify;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.rules.Durations;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

/**
 * Where coaching goes and how hard to try: one endpoint URL per channel, per-request timeout, retry
 * schedule (exponential backoff), and the async operator's capacity. Defaults as specified: 2 s
 * initial backoff, x2, 6 attempts; those the configuration can change come from {@link
 * NotifierDefaults}.
 */
public class NotifierSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, String> endpoints = new HashMap<>();
    public long requestTimeoutMillis = millis(NotifierDefaults.REQUEST_TIMEOUT);
    public int maxAttempts = Integer.parseInt(NotifierDefaults.MAX_ATTEMPTS);
    public long initialBackoffMillis = millis(NotifierDefaults.INITIAL_BACKOFF);
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
    public String slackTokenRef = NotifierDefaults.SLACK_TOKEN_REF;

    /**
     * HMAC secret that signs webhook deliveries to the operator's own webhook endpoint; null =
     * unsigned.
     */
    public String signingSecretRef;

    /** The share of a notify task's async slots one org may hold, in percent (at least one). */
    public int orgSharePercent = Integer.parseInt(NotifierDefaults.ORG_SHARE_PERCENT);

    /** Async slots one destination (org, channel, destination reference) may hold per task. */
    public int destinationSlots = Integer.parseInt(NotifierDefaults.DESTINATION_SLOTS);

    /**
     * The longest a notification holds a slot of the first notify lane; what would wait longer is
     * parked. Also the Retry-After from which a 429 opens the destination's circuit.
     */
    public long maxHoldMillis = millis(NotifierDefaults.MAX_HOLD);

    /** Parked notifications one destination may have waiting; more fail with parked_overflow. */
    public int parkedPerDestination = Integer.parseInt(NotifierDefaults.PARKED_PER_DESTINATION);

    /** Parked notifications of one destination released to the retry lane per second at most. */
    public int parkedReleasePerSecond =
            Integer.parseInt(NotifierDefaults.PARKED_RELEASE_PER_SECOND);

    public int maxInFlightPerHost = 16;
    public int circuitFailures = 5;
    public long circuitOpenMillis = 30_000;

    /**
     * Coaching messages one person receives per UTC day at most; more are skipped with a status.
     */
    public int dailyCapPerUser = Integer.parseInt(NotifierDefaults.DAILY_CAP);

    /**
     * Where relative {@code file:} references (an org's, {@code file:orgs/<org>/...}) are read
     * from.
     */
    public String secretsDir = NotifierDefaults.SECRETS_DIR;

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
    public long secretsCacheMillis = millis(NotifierDefaults.SECRETS_CACHE_TTL);

    /**
     * Threads per notify task for secret lookups (files, Secrets Manager calls); one lookup per
     * reference at a time.
     */
    public int secretLookupThreads = Integer.parseInt(NotifierDefaults.SECRET_LOOKUP_THREADS);

    /** Threads per notify task for the SSRF check's DNS lookups; one lookup per host at a time. */
    public int dnsLookupThreads = Integer.parseInt(NotifierDefaults.DNS_LOOKUP_THREADS);

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

    /**
     * Every channel to {@code baseUrl + "/" + channel}: the local receiver, or one given with
     * --receiver.
     */
    public static NotifierSettings allChannelsTo(String baseUrl) {
        NotifierSettings s = new NotifierSettings();
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        for (ChannelName channel : ChannelName.values()) {
            s.endpoints.put(channel.id(), base + "/" + channel.id());
        }
        // The operator named this receiver itself: allow it even on a private address.
        s.allowedOrigins.add(originOf(base));
        return s;
    }

    private static long millis(String duration) {
        return Durations.parse(duration).toMillis();
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
