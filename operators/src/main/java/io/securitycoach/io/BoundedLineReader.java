package io.securitycoach.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines without ever holding more than {@code maxChars + 1} characters of one: a longer line
 * is returned cut (one character over the limit, so the next stage sees it is too large and
 * dead-letters it) and the rest of it is skipped. A hostile multi-gigabyte line cannot exhaust
 * memory.
 */
public final class BoundedLineReader implements AutoCloseable {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;

    public BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of input. */
    public String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return line == null ? null : line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int room = maxChars + 1 - line.length();
            if (room > 0) {
                line.append(buf, start, Math.min(pos - start, room));
            }
            if (pos < len) {
                pos++; // the newline
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
