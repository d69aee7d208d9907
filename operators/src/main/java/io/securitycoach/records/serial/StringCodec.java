package io.securitycoach.records.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The strings of {@link RawEventSerializer}: a varint header {@code length << 2 | form} and the
 * bytes, in the cheapest form that gives the string back exactly: for Latin-1 (ASCII included) an
 * array copy each way, where Flink's string encoding writes and reads char by char.
 *
 * <ul>
 *   <li>0: null.
 *   <li>{@link #LATIN_1}: one byte per char, every char at most U+00FF (ASCII vendor lines, and
 *       Western European text): an array copy both ways. For ASCII these are the UTF-8 bytes.
 *   <li>{@link #UTF_8}: UTF-8 bytes, for text beyond Latin-1 (CJK, emoji), coded in one pass here.
 *   <li>{@link #UTF_16}: two bytes per char, for a string with an unpaired surrogate (from a JSON
 *       escape in an envelope or a vendor API), which UTF-8 cannot carry.
 * </ul>
 */
final class StringCodec {
    static final int LATIN_1 = 1;
    static final int UTF_8 = 2;
    static final int UTF_16 = 3;

    /** Longer strings are refused: their UTF-8 length shifted by two must stay an int. */
    static final int MAX_CHARS = 1 << 27;

    private StringCodec() {}

    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        if (s.length() > MAX_CHARS) {
            throw new IOException("a string of " + s.length() + " chars is too long to serialize");
        }
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        // Chars beyond Latin-1 became '?'. Compact strings compare their coders first (a string
        // with such a char is never equal to a Latin-1 one), Latin-1 ones as arrays (vectorized).
        if (s.equals(new String(latin1, StandardCharsets.ISO_8859_1))) {
            VarInts.write(latin1.length << 2 | LATIN_1, out);
            out.write(latin1);
            return;
        }
        byte[] utf8 = new byte[3 * s.length()];
        int n = encodeUtf8(s, utf8);
        if (n >= 0) {
            VarInts.write(n << 2 | UTF_8, out);
            out.write(utf8, 0, n);
            return;
        }
        VarInts.write(s.length() << 2 | UTF_16, out);
        for (int i = 0; i < s.length(); i++) {
            out.writeChar(s.charAt(i));
        }
    }

    /**
     * Writes the UTF-8 of {@code s} into {@code dst} (three bytes per char at most) and returns its
     * length, or -1 at an unpaired surrogate: one pass, where the JDK's encoder (which writes '?'
     * for it) would need a scan of its own first.
     */
    static int encodeUtf8(String s, byte[] dst) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[n++] = (byte) c;
            } else if (c < 0x800) {
                dst[n++] = (byte) (0xc0 | c >> 6);
                dst[n++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                dst[n++] = (byte) (0xe0 | c >> 12);
                dst[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                dst[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[n++] = (byte) (0xf0 | cp >> 18);
                dst[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                dst[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                dst[n++] = (byte) (0x80 | cp & 0x3f);
            } else {
                return -1;
            }
        }
        return n;
    }

    /**
     * Refuses a length longer than what a deserializer over a whole record (network, state) has
     * left, before anything of that size is allocated: corrupt bytes fail with an IOException.
     */
    private static void requireAvailable(long bytes, DataInputView in) throws IOException {
        if (in instanceof DataInputDeserializer
                && bytes > ((DataInputDeserializer) in).available()) {
            throw new IOException(
                    "a string of "
                            + bytes
                            + " bytes where "
                            + ((DataInputDeserializer) in).available()
                            + " are left");
        }
    }

    /**
     * @param record what is being read, for the message of a malformed header
     */
    static String read(DataInputView in, String record) throws IOException {
        int header = VarInts.read(in, record);
        int n = header >>> 2;
        switch (header & 3) {
            case LATIN_1:
                return new String(readBytes(n, in), StandardCharsets.ISO_8859_1);
            case UTF_8:
                return decodeUtf8(readBytes(n, in), record);
            case UTF_16:
                requireAvailable(2L * n, in);
                char[] chars = new char[n];
                for (int i = 0; i < n; i++) {
                    chars[i] = in.readChar();
                }
                return new String(chars);
            default:
                if (header != 0) {
                    throw new IOException("malformed string header in a " + record + " record");
                }
                return null;
        }
    }

    /**
     * The string of UTF-8 bytes that {@link #encodeUtf8} wrote, in one pass into chars: JDK 17's
     * decoder goes over text beyond Latin-1 twice (trying Latin-1 first), slower than the POJO
     * serializer's char loop it replaces.
     */
    static String decodeUtf8(byte[] src, String record) throws IOException {
        char[] chars = new char[src.length];
        int n = 0;
        int i = 0;
        try {
            while (i < src.length) {
                int b = src[i++];
                if (b >= 0) {
                    chars[n++] = (char) b;
                } else if ((b & 0xe0) == 0xc0) {
                    chars[n++] = (char) ((b & 0x1f) << 6 | src[i++] & 0x3f);
                } else if ((b & 0xf0) == 0xe0) {
                    chars[n++] =
                            (char) ((b & 0x0f) << 12 | (src[i++] & 0x3f) << 6 | src[i++] & 0x3f);
                } else if ((b & 0xf8) == 0xf0) {
                    int cp =
                            (b & 0x07) << 18
                                    | (src[i++] & 0x3f) << 12
                                    | (src[i++] & 0x3f) << 6
                                    | src[i++] & 0x3f;
                    chars[n++] = Character.highSurrogate(cp);
                    chars[n++] = Character.lowSurrogate(cp);
                } else {
                    throw new IOException("malformed UTF-8 in a " + record + " record");
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IOException("truncated UTF-8 in a " + record + " record", e);
        }
        return new String(chars, 0, n);
    }

    private static byte[] readBytes(int n, DataInputView in) throws IOException {
        requireAvailable(n, in);
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
