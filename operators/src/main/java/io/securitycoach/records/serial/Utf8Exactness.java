package io.securitycoach.records.serial;

import java.nio.charset.StandardCharsets;

/**
 * Whether the JDK's UTF-8 bytes of a string give the string back: they do unless it holds an
 * unpaired surrogate, which the encoder writes as '?'. Checked without a char loop in the common
 * case of ASCII text.
 */
final class Utf8Exactness {
    private Utf8Exactness() {}

    /**
     * @param utf8 {@code s.getBytes(UTF_8)}
     */
    static boolean isExact(String s, byte[] utf8) {
        if (utf8.length == s.length()) {
            // One byte per char: ASCII, or ASCII and unpaired surrogates (each written as '?'). A
            // string holding a surrogate is never equal to one of Latin-1 chars (compact strings
            // compare their coders first; Latin-1 ones compare as arrays, vectorized).
            return s.equals(new String(utf8, StandardCharsets.ISO_8859_1));
        }
        return !hasUnpairedSurrogate(s);
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a pair
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
