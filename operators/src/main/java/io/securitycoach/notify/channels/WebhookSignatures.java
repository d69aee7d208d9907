package io.securitycoach.notify.channels;

import io.securitycoach.schema.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures, both ends: {@code X-Coach-Signature: v1=hex(HMAC-SHA256(secret, timestamp +
 * "." + body))} with {@code X-Coach-Timestamp} in Unix seconds. A receiver accepts a delivery only
 * when the signature matches (compared in constant time) and the timestamp lies within its window
 * of now, so a captured delivery cannot be replayed later. docs/security/webhooks.md tells
 * customers the same.
 */
public final class WebhookSignatures {
    public static final String TIMESTAMP_HEADER = "X-Coach-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Coach-Signature";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private WebhookSignatures() {}

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(String secret, String timestamp, String body) {
        byte[] signature = hmac(secret, timestamp + "." + body);
        return Hashes.hex(signature, signature.length);
    }

    /**
     * Null when the delivery is authentic and fresh, else why not.
     *
     * @param nowSeconds the receiver's clock, Unix seconds
     */
    public static String problem(
            String secret,
            String timestamp,
            String signature,
            String body,
            long nowSeconds,
            Duration window) {
        if (timestamp == null || signature == null) {
            return "missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER;
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "timestamp is not Unix seconds";
        }
        // Both before the HMAC: a stale or malformed delivery costs nothing to refuse.
        if (Math.abs(nowSeconds - sent) > window.getSeconds()) {
            return "timestamp outside the " + window.getSeconds() + " s window";
        }
        byte[] expected =
                ("v1=" + sign(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? null : "signature does not match";
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JVM spec", e);
        }
    }
}
