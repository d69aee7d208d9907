package io.securitycoach.notify.channels;

/**
 * What a destination answered: the status, Retry-After and the start of the body (see {@link
 * LimitedBody}).
 */
public final class Reply {
    public final int status;
    public final String body;

    /** Milliseconds the receiver asked us to wait (seconds form of Retry-After), or -1. */
    public final long retryAfterMillis;

    public Reply(int status, String body, long retryAfterMillis) {
        this.status = status;
        this.body = body;
        this.retryAfterMillis = retryAfterMillis;
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
