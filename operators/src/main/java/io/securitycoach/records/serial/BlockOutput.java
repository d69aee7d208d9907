package io.securitycoach.records.serial;

import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * One thread's writer of format-3 blocks ({@link SecurityEventSerializer}): the UTF-8 of fields
 * with few distinct values is kept for the strings last written, so that most of them are not
 * encoded into an array of their own for every event (their equality is checked first, and events
 * read by {@link BlockInput} share the very instances).
 *
 * <p>Not thread-safe: one per thread, for one block at a time.
 */
final class BlockOutput extends DataOutputSerializer {
    /** Longer values are encoded every time: recurring values are names and codes. */
    static final int MAX_RECURRING_CHARS = BlockInput.MAX_RECURRING_BYTES;

    /** Direct-mapped: a colliding value replaces the one in its slot (a power of two). */
    private static final int SLOTS = 1024;

    private final String[] recurringValues = new String[SLOTS];
    private final byte[][] recurringBytes = new byte[SLOTS][];

    BlockOutput() {
        super(1024);
    }

    /** {@code value.getBytes(UTF_8)}, the same array as before for a value written lately. */
    byte[] recurringUtf8(String value) {
        if (value.length() > MAX_RECURRING_CHARS) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        int h = value.hashCode();
        int slot = (h ^ h >>> 16) & (SLOTS - 1);
        String known = recurringValues[slot];
        if (known == value || value.equals(known)) {
            return recurringBytes[slot];
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        recurringValues[slot] = value;
        recurringBytes[slot] = utf8;
        return utf8;
    }
}
