package io.securitycoach.records.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Strings of a format-3 block: decoded as the JDK decodes the same bytes (malformed UTF-8
 * included), recurring values shared only when their bytes are the same, and a length past the
 * block refused.
 */
class BlockInputTest {
    private static final String[] SAMPLES = {
        "",
        "okta",
        "Caf\u00e9 d\u00e9partement",
        "\u4e2d\u6587 \ud83d\ude00",
        "x".repeat(BlockInput.MAX_RECURRING_BYTES),
        "y".repeat(BlockInput.MAX_RECURRING_BYTES + 1),
        "a \"quoted\" \\ value\n\t\u0001",
    };

    @Test
    void decodesAsTheJdkDoesEachStringOfABlock() throws Exception {
        for (boolean recurring : new boolean[] {false, true}) {
            BlockInput in = new BlockInput();
            List<byte[]> values = new ArrayList<>();
            for (String s : SAMPLES) {
                values.add(s.getBytes(StandardCharsets.UTF_8));
            }
            values.add(new byte[] {(byte) 0xc3, 'a', (byte) 0xff, (byte) 0xe2, (byte) 0x82});
            in.readBlock(concat(values), totalLength(values));
            for (byte[] v : values) {
                String read = recurring ? in.recurringUtf8(v.length) : in.utf8(v.length);
                assertThat(read).isEqualTo(new String(v, StandardCharsets.UTF_8));
            }
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void recurringValuesAreSharedOnlyForTheSameBytes() throws Exception {
        Random random = new Random(7);
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // more than the table's slots: collisions replace
            distinct.add(Integer.toString(random.nextInt(), 36) + (i % 3 == 0 ? "\u00e9" : ""));
        }
        BlockInput in = new BlockInput();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20_000; i++) {
                String expected = distinct.get(random.nextInt(distinct.size()));
                byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
                in.readBlock(bytes, bytes.length);
                assertThat(in.recurringUtf8(bytes.length)).isEqualTo(expected);
            }
        }
        byte[] twice = "okta".getBytes(StandardCharsets.UTF_8);
        in.readBlock(twice, twice.length);
        String first = in.recurringUtf8(twice.length);
        in.readBlock(twice.clone(), twice.length);
        assertThat(in.recurringUtf8(twice.length)).isSameAs(first);
    }

    @Test
    void aValueAndItsPrefixInOneSlotAreToldApart() throws Exception {
        String prefix = "org-1";
        String longer = null;
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; longer == null; i++) {
            byte[] candidate = (prefix + i).getBytes(StandardCharsets.UTF_8);
            if (BlockInput.slotOf(candidate, 0, candidate.length)
                    == BlockInput.slotOf(p, 0, p.length)) {
                longer = prefix + i;
            }
        }
        BlockInput in = new BlockInput();
        for (int round = 0; round < 3; round++) {
            for (String value : new String[] {prefix, longer}) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                in.readBlock(bytes, bytes.length);
                assertThat(in.recurringUtf8(bytes.length)).isEqualTo(value);
            }
        }
    }

    @Test
    void stringsComeFromTheArraySetLastAndNegativeLengthsAreRefused() throws Exception {
        BlockInput in = new BlockInput();
        byte[] first = "acme".getBytes(StandardCharsets.UTF_8);
        in.readBlock(first, first.length);
        byte[] second = "beta".getBytes(StandardCharsets.UTF_8);
        in.setBuffer(second);
        assertThat(in.utf8(4)).isEqualTo("beta");
        in.setBuffer(first, 0, first.length);
        assertThatThrownBy(() -> in.utf8(-1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> in.recurringUtf8(-1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> in.setBuffer(ByteBuffer.wrap(first)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theBlockIsReadOnlyUpToTheGivenLength() throws Exception {
        byte[] bytes = "oktazscaler".getBytes(StandardCharsets.UTF_8);
        BlockInput in = new BlockInput();
        in.readBlock(bytes, 4);
        assertThat(in.utf8(4)).isEqualTo("okta");
        assertThatThrownBy(() -> in.utf8(1)).isInstanceOf(EOFException.class);
        in.readBlock(bytes, 4);
        assertThatThrownBy(() -> in.recurringUtf8(7)).isInstanceOf(IOException.class);
    }

    private static byte[] concat(List<byte[]> values) {
        byte[] all = new byte[totalLength(values) + 16]; // a block array is often longer
        int at = 0;
        for (byte[] v : values) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    private static int totalLength(List<byte[]> values) {
        return values.stream().mapToInt(v -> v.length).sum();
    }
}
