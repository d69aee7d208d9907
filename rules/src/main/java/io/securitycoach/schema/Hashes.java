package io.securitycoach.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Stable content hashes for ids (event uids without a vendor id, detection ids). */
public final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call,
     * a third of hashing a small record's text (the uid of every event without a vendor id).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(Hashes::newSha256);

    private Hashes() {}

    /** The first {@code bytes} bytes of SHA-256 over the UTF-8 text, as lower-case hex. */
    public static String sha256Hex(String text, int bytes) {
        // digest() resets the instance, so a thread's next hash starts clean
        return hex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)), bytes);
    }

    /**
     * {@code prefix} followed by {@link #sha256Hex(String, int)}, made as one string (an event uid
     * without a vendor id is one per event: the hex and the joined string were two).
     */
    public static String sha256Hex(String prefix, String text, int bytes) {
        byte[] digest = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[prefix.length() + bytes * 2];
        prefix.getChars(0, prefix.length(), out, 0);
        hexInto(digest, bytes, out, prefix.length());
        return new String(out);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM spec", e);
        }
    }

    /** The first {@code bytes} bytes as lower-case hex. */
    public static String hex(byte[] data, int bytes) {
        char[] out = new char[bytes * 2];
        hexInto(data, bytes, out, 0);
        return new String(out);
    }

    private static void hexInto(byte[] data, int bytes, char[] out, int at) {
        for (int i = 0; i < bytes; i++) {
            out[at + 2 * i] = HEX[(data[i] >> 4) & 0xf];
            out[at + 2 * i + 1] = HEX[data[i] & 0xf];
        }
    }
}
