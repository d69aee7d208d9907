package io.securitycoach.notify.channels;

import java.util.Locale;
import java.util.Map;

/**
 * What a destination answered: the status, Retry-After and the start of the body (see {@link
 * LimitedBody}).
 */
public final class Reply {
    public final int status;
    public final String body;

    /** Milliseconds the receiver asked us to wait (seconds form of Retry-After), or -1. */
    public final long retryAfterMillis;

    /**
     * The answer's headers, names in lower case, repeated ones joined with ", " (vendor APIs' rate
     * limits and pagination links); empty where the caller did not keep them.
     */
    public final Map<String, String> headers;

    /** True when the body was longer than the limit and only its start was kept. */
    public final boolean truncated;

    public Reply(int status, String body, long retryAfterMillis) {
        this(status, body, retryAfterMillis, Map.of());
    }

    public Reply(int status, String body, long retryAfterMillis, Map<String, String> headers) {
        this(status, body, retryAfterMillis, headers, false);
    }

    public Reply(
            int status,
            String body,
            long retryAfterMillis,
            Map<String, String> headers,
            boolean truncated) {
        this.status = status;
        this.body = body;
        this.retryAfterMillis = retryAfterMillis;
        this.headers = headers;
        this.truncated = truncated;
    }

    /** A header's value, or null (name in any case). */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Retry-After in milliseconds from the header's seconds form, or -1. */
    public static long retryAfter(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim()) * 1000L;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
