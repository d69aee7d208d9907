package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 12, finding 14: one JSON value per line; whitespace may follow it, nothing else. */
class JsonLinesTest {
    @Test
    void oneValueWithWhitespaceAroundIsRead() throws Exception {
        assertThat(JsonLines.readOne(Json.mapper(), " {\"a\": 1} \t\r\n").get("a").asInt())
                .isEqualTo(1);
        assertThat(JsonLines.readOne(Json.mapper(), "[1, 2]").size()).isEqualTo(2);
        assertThat(JsonLines.readOne(Json.mapper(), "  ")).isNull();
    }

    @Test
    void aSecondValueOrGarbageIsTrailingContent() {
        for (String line :
                new String[] {
                    "{\"a\":1}{\"b\":2}",
                    "{\"a\":1} {\"b\":2}",
                    "{\"a\":1} junk",
                    "{\"a\":1}]",
                    "1 2",
                    "\"x\" \"y\""
                }) {
            assertThatThrownBy(() -> JsonLines.readOne(Json.mapper(), line))
                    .as(line)
                    .isInstanceOf(JsonLines.TrailingContentException.class)
                    .hasMessageStartingWith("more than one JSON value");
            assertThatThrownBy(
                            () ->
                                    JsonLines.readOne(
                                            Json.mapper(), line.getBytes(StandardCharsets.UTF_8)))
                    .as(line)
                    .isInstanceOf(JsonLines.TrailingContentException.class);
        }
    }

    @Test
    void anInvalidFirstValueIsStillInvalidJsonNotTrailingContent() {
        assertThatThrownBy(() -> JsonLines.readOne(Json.mapper(), "{\"a\": } {}"))
                .isNotInstanceOf(JsonLines.TrailingContentException.class);
    }
}
