package io.securitycoach.schema;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Customer files (rules, parsing configurations) as text: strictly UTF-8. Replacing bad bytes would
 * let the job accept a rule that differs from the file the customer checked, so the CLI and the job
 * both refuse such a file with the offset of the first bad byte.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /** Not UTF-8; the message names the first bad byte. */
    public static final class InvalidUtf8Exception extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(String message) {
            super(message);
        }
    }

    public static String decode(byte[] bytes) throws InvalidUtf8Exception {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            throw new InvalidUtf8Exception(
                    "not valid UTF-8 (first bad byte at offset " + in.position() + ")");
        }
        out.flip();
        return out.toString();
    }
}
