package io.securitycoach.soak;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit fingerprint of a record's text (the first 8 bytes of its SHA-256): a million input
 * records compare as sorted long arrays instead of a million strings in memory. Collisions among
 * 10^6 records have odds around 10^-8.
 */
final class RecordKeys {
    private static final ThreadLocal<MessageDigest> SHA =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(e);
                        }
                    });

    private RecordKeys() {}

    static long of(String text) {
        byte[] d = SHA.get().digest(text.trim().getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (d[i] & 0xff);
        }
        return key;
    }
}
