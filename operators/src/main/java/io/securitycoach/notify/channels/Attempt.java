package io.securitycoach.notify.channels;

/**
 * What one try to deliver produced: success, a retryable failure (with an optional Retry-After) or
 * a final one.
 */
public final class Attempt {
    public final boolean delivered;
    public final boolean retryable;
    public final int httpStatus;

    /** Milliseconds the receiver asked us to wait, or -1. */
    public final long retryAfterMillis;

    public final String reason;
    public final String detail;

    private Attempt(
            boolean delivered,
            boolean retryable,
            int httpStatus,
            long retryAfterMillis,
            String reason,
            String detail) {
        this.delivered = delivered;
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.retryAfterMillis = retryAfterMillis;
        this.reason = reason;
        this.detail = detail;
    }

    public static Attempt delivered(int status) {
        return new Attempt(true, false, status, -1, null, null);
    }

    public static Attempt retry(int status, long retryAfterMillis, String reason, String detail) {
        return new Attempt(false, true, status, retryAfterMillis, reason, detail);
    }

    public static Attempt fail(int status, String reason, String detail) {
        return new Attempt(false, false, status, -1, reason, detail);
    }

    /** The usual HTTP reading: 2xx delivered; 408, 429 and 5xx retryable; other answers final. */
    public static Attempt fromHttp(int status, String body, long retryAfterMillis) {
        if (status >= 200 && status < 300) {
            return delivered(status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return retry(status, status == 429 ? retryAfterMillis : -1, "http_" + status, body);
        }
        return fail(status, "rejected_http_" + status, body);
    }
}
