package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 12, finding 13: customer files are strict UTF-8, with the offset of the first bad byte. */
class Utf8TextTest {
    @Test
    void validUtf8IsDecoded() throws Exception {
        assertThat(Utf8Text.decode("id: café ✓".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("id: café ✓");
        assertThat(Utf8Text.decode(new byte[0])).isEmpty();
    }

    @Test
    void invalidBytesAreRefusedNotReplaced() {
        assertThatThrownBy(
                        () ->
                                Utf8Text.decode(
                                        "id: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(Utf8Text.InvalidUtf8Exception.class)
                .hasMessage("not valid UTF-8 (first bad byte at offset 7)");
        byte[] truncated = {'a', (byte) 0xe2, (byte) 0x9c};
        assertThatThrownBy(() -> Utf8Text.decode(truncated))
                .isInstanceOf(Utf8Text.InvalidUtf8Exception.class);
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThatThrownBy(() -> Utf8Text.decode(surrogate))
                .isInstanceOf(Utf8Text.InvalidUtf8Exception.class);
    }
}
