package io.securitycoach.standins;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The bearer tokens a stand-in issued (client credentials), each until it expires. */
final class AccessTokens {
    private final String prefix;
    private final long lifetimeSeconds;
    private final Map<String, Long> expiries = new HashMap<>();

    AccessTokens(String prefix, long lifetimeSeconds) {
        this.prefix = prefix;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** A new token, living {@link #lifetimeSeconds()} from now. */
    synchronized String issue() {
        String token = prefix + UUID.randomUUID();
        expiries.put(token, System.currentTimeMillis() + lifetimeSeconds * 1000L);
        return token;
    }

    /** Whether an {@code Authorization} header carries a live token issued here. */
    synchronized boolean accepts(String authorization) {
        Long expires =
                authorization != null && authorization.startsWith("Bearer ")
                        ? expiries.get(authorization.substring(7))
                        : null;
        return expires != null && expires > System.currentTimeMillis();
    }

    /** Every token issued so far stops working (the client must ask for a new one). */
    synchronized void expireAll() {
        expiries.clear();
    }

    long lifetimeSeconds() {
        return lifetimeSeconds;
    }
}
