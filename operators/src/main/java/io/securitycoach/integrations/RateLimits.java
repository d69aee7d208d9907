package io.securitycoach.integrations;

import io.securitycoach.notify.channels.Reply;

/**
 * What a vendor's answer says about its rate limit: Retry-After, or the remaining requests of the
 * window and when it resets ({@code X-Rate-Limit-*} at Okta; at CrowdStrike {@code X-RateLimit-*}
 * and, on a 429, {@code X-RateLimit-RetryAfter} in epoch seconds). The poller never sends the next
 * request before the time these allow.
 */
public final class RateLimits {
    /** Requests kept in reserve of a window: other clients of the same org share Okta's limit. */
    static final int RESERVE = 1;

    private RateLimits() {}

    /** How long to wait before the next request, from this answer (0 when it says nothing). */
    public static long waitMillis(Reply reply, long now) {
        if (reply.retryAfterMillis > 0) {
            return reply.retryAfterMillis;
        }
        long remaining = number(reply, "x-rate-limit-remaining", "x-ratelimit-remaining");
        long reset =
                number(reply, "x-rate-limit-reset", "x-ratelimit-reset", "x-ratelimit-retryafter");
        boolean exhausted = reply.status == 429 || remaining >= 0 && remaining <= RESERVE;
        if (!exhausted || reset <= 0) {
            return reply.status == 429 ? 1000 : 0;
        }
        // Okta's reset and CrowdStrike's RetryAfter are epoch seconds; a small number is seconds
        // from now
        long resetMillis = reset > 1_000_000_000L ? reset * 1000L - now : reset * 1000L;
        return Math.max(1000, resetMillis);
    }

    private static long number(Reply reply, String... names) {
        for (String name : names) {
            String v = reply.header(name);
            if (v != null) {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException ignored) {
                    return -1; // unreadable: as if not said
                }
            }
        }
        return -1;
    }
}
