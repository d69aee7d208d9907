package io.securitycoach.normalize;

/**
 * Why a record cannot be normalized: a stable reason code and a human message. Becomes a dead
 * letter.
 */
public class NormalizationException extends Exception {
    private final String reason;

    public NormalizationException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
