package io.securitycoach.integrations;

import java.util.HashMap;
import java.util.Map;

/**
 * OAuth access tokens per integration, in the poller task's memory only (never in state or the
 * audit): a restored job asks for new ones. One task thread uses it.
 */
public final class TokenCache {
    /** Tokens are renewed at most this long before the vendor says they expire. */
    static final long RENEW_BEFORE_MILLIS = 30_000;

    private static final class Token {
        final String value;
        final long expiresAt;

        Token(String value, long expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<String, Token> tokens = new HashMap<>();

    /** The integration's token still valid at {@code now}, or null. */
    public String get(String integration, long now) {
        Token t = tokens.get(integration);
        return t != null && now < t.expiresAt ? t.value : null;
    }

    /** Keeps a token issued at {@code issuedAt}; short-lived ones are renewed at 90% of life. */
    public void put(String integration, String token, long issuedAt, long expiresAt) {
        long margin = Math.min(RENEW_BEFORE_MILLIS, (expiresAt - issuedAt) / 10);
        tokens.put(integration, new Token(token, expiresAt - margin));
    }

    public void drop(String integration) {
        tokens.remove(integration);
    }
}
