package io.securitycoach.integrations;

/**
 * A request to a vendor API that failed; the kind decides the backoff and the health status. The
 * message never carries a secret or the vendor's answer body beyond a short excerpt.
 */
public final class VendorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed. */
    public enum Kind {
        AUTH_FAILED,
        FORBIDDEN,
        RATE_LIMITED,
        VENDOR_DOWN,
        /** The vendor no longer accepts our cursor: restart from the newest event time seen. */
        BAD_CURSOR,
        /** The SSRF guard refused the address, or a link left the vendor's origin. */
        REFUSED,
        /** The answer could not be read as the vendor documents it. */
        PROTOCOL
    }

    public final Kind kind;

    /** How long the vendor asked us to wait (Retry-After, rate-limit reset), or -1. */
    public final long retryAfterMillis;

    public VendorException(Kind kind, String message, long retryAfterMillis) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterMillis = retryAfterMillis;
    }

    public VendorException(Kind kind, String message) {
        this(kind, message, -1);
    }
}
