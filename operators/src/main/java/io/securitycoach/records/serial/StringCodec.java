package io.securitycoach.records.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The strings of {@link RawEventSerializer}: a varint header {@code length << 2 | form} and the
 * bytes, in the cheapest form that gives the string back exactly. Whole-array JDK codecs do the
 * work, where Flink's string encoding writes and reads char by char.
 *
 * <ul>
 *   <li>0: null.
 *   <li>{@link #LATIN_1}: one byte per char, every char at most U+00FF (ASCII vendor lines, and
 *       Western European text): an array copy both ways. For ASCII these are the UTF-8 bytes.
 *   <li>{@link #UTF_8}: UTF-8 bytes, for text beyond Latin-1 (CJK, emoji).
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
            writeBytes(LATIN_1, latin1, out);
        } else if (!hasUnpairedSurrogate(s)) {
            writeBytes(UTF_8, s.getBytes(StandardCharsets.UTF_8), out);
        } else {
            VarInts.write(s.length() << 2 | UTF_16, out);
            for (int i = 0; i < s.length(); i++) {
                out.writeChar(s.charAt(i));
            }
        }
    }

    private static void writeBytes(int form, byte[] bytes, DataOutputView out) throws IOException {
        VarInts.write(bytes.length << 2 | form, out);
        out.write(bytes);
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
                return new String(readBytes(n, in), StandardCharsets.UTF_8);
            case UTF_16:
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

    private static byte[] readBytes(int n, DataInputView in) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
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
