package io.securitycoach.records.serial;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;

/**
 * One thread's reader of format-3 blocks ({@link SecurityEventSerializer}): strings are decoded
 * straight from the block (one copy, where a read into an array of their own first made two), and
 * fields with few distinct values (vendor, class, outcome, department, raw keys...) are looked up
 * in a small table of the values last read, so that most of them allocate nothing. Decoding 30
 * strings per event was 86% of the event's deserialization, which is a fifth of the job's CPU.
 *
 * <p>Not thread-safe: one per thread, for one block at a time.
 */
final class BlockInput extends DataInputDeserializer {
    private static final long serialVersionUID = 1L;

    /** Longer values are decoded every time: recurring values are names and codes. */
    static final int MAX_RECURRING_BYTES = 48;

    /** Direct-mapped: a colliding value replaces the one in its slot (a power of two). */
    private static final int SLOTS = 1024;

    /** Blocks up to this size are read into {@link #reused}; an event is about 1 KiB. */
    static final int REUSED_BLOCK_BYTES = 64 * 1024;

    private final byte[] reused = new byte[REUSED_BLOCK_BYTES];
    private byte[] block = new byte[0];

    /**
     * The bytes of each slot's value, side by side in one array ({@link #MAX_RECURRING_BYTES} per
     * slot): compared on every read, so kept where the cache finds them rather than in an array of
     * their own per value.
     */
    private final byte[] recurringBytes = new byte[SLOTS * MAX_RECURRING_BYTES];

    private final int[] recurringLengths = new int[SLOTS];
    private final String[] recurringValues = new String[SLOTS];

    /** Reads {@code length} bytes of {@code bytes} from the start. */
    void readBlock(byte[] bytes, int length) {
        setBuffer(bytes, 0, length);
    }

    /**
     * Reads the next {@code length} bytes of {@code in} as the block: into a reused array when
     * small (strings are copied out of it), else into one grown as its bytes arrive, so that a
     * corrupt length cannot allocate more than twice what the stream holds before it ends (an
     * EOFException).
     */
    void fill(DataInputView in, int length) throws IOException {
        if (length <= REUSED_BLOCK_BYTES) {
            in.readFully(reused, 0, length);
            readBlock(reused, length);
            return;
        }
        byte[] grown = new byte[REUSED_BLOCK_BYTES];
        int read = 0;
        while (read < length) {
            if (read == grown.length) {
                grown = Arrays.copyOf(grown, (int) Math.min(length, 2L * grown.length));
            }
            int chunk = Math.min(grown.length, length) - read;
            in.readFully(grown, read, chunk);
            read += chunk;
        }
        readBlock(grown, length);
    }

    /** Every array it reads is the one strings are decoded from: never a stale one. */
    @Override
    public void setBuffer(byte[] buffer, int start, int len) {
        super.setBuffer(buffer, start, len);
        block = buffer;
    }

    @Override
    public void setBuffer(byte[] buffer) {
        setBuffer(buffer, 0, buffer.length);
    }

    /** Strings are decoded from a heap array: a buffer that may not be one is refused. */
    @Override
    public void setBuffer(ByteBuffer buffer) {
        throw new UnsupportedOperationException("a block is read from a heap array");
    }

    @Override
    public void releaseArrays() {
        super.releaseArrays();
        block = new byte[0];
    }

    /** The next {@code length} bytes as UTF-8, as {@code new String(bytes, UTF_8)} decodes them. */
    String utf8(int length) throws IOException {
        int at = take(length);
        return new String(block, at, length, StandardCharsets.UTF_8);
    }

    /**
     * The same value as {@link #utf8}, the very instance returned for the same bytes before when it
     * is still in its slot (strings cannot change, so events may share them).
     */
    String recurringUtf8(int length) throws IOException {
        if (length > MAX_RECURRING_BYTES) {
            return utf8(length);
        }
        int at = take(length);
        int slot = slotOf(block, at, length);
        int kept = slot * MAX_RECURRING_BYTES;
        String known = recurringValues[slot];
        if (known != null
                && recurringLengths[slot] == length
                && Arrays.equals(recurringBytes, kept, kept + length, block, at, at + length)) {
            return known;
        }
        String value = new String(block, at, length, StandardCharsets.UTF_8);
        System.arraycopy(block, at, recurringBytes, kept, length);
        recurringLengths[slot] = length;
        recurringValues[slot] = value;
        return value;
    }

    /** Where the next {@code length} bytes start; moves past them, or fails if there are fewer. */
    private int take(int length) throws IOException {
        if (length < 0) {
            throw new IOException("a negative string length in a block");
        }
        int at = getPosition();
        skipBytesToRead(length); // an EOFException when fewer bytes are left
        return at;
    }

    static int slotOf(byte[] bytes, int from, int length) {
        int h = length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        return (h ^ h >>> 16) & (SLOTS - 1);
    }
}
