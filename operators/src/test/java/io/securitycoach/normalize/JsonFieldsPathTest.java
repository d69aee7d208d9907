package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import org.junit.jupiter.api.Test;

class JsonFieldsPathTest {
    private final JsonNode record =
            read(
                    "{\"a\":{\"b\":{\"c\":\"deep\"},\"\":{\"x\":\"empty"
                            + " name\"}},\"n\":7,\"p\":\"N/A\"}");

    private static JsonNode read(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dottedPathsWalkNestedObjectsTheSameOnEveryCall() {
        for (int i = 0; i < 3; i++) { // the second call reads the cached split
            assertThat(JsonFields.text(record, "a.b.c")).isEqualTo("deep");
        }
        assertThat(JsonFields.text(record, "a..x")).isEqualTo("empty name");
        assertThat(JsonFields.text(record, "n")).isEqualTo("7");
    }

    @Test
    void missingContainerAndPlaceholderValuesAreNull() {
        assertThat(JsonFields.at(record, "a.missing.c")).isNull();
        assertThat(JsonFields.text(record, "a.b")).as("an object is not text").isNull();
        assertThat(JsonFields.text(record, "p")).isNull();
        assertThat(JsonFields.at(record, "n.deeper")).isNull();
    }

    @Test
    void aKeyThatHoldsDotsIsReadBeforeTheNestedPath() {
        JsonNode dotted = read("{\"user.name\":\"flat\",\"user\":{\"name\":\"nested\"}}");
        assertThat(JsonFields.text(dotted, "user.name")).isEqualTo("flat");
        assertThat(JsonFields.text(read("{\"user\":{\"name\":\"nested\"}}"), "user.name"))
                .isEqualTo("nested");
    }

    @Test
    void everyPlaceholderAndBlankIsNullButLookalikesAreKept() {
        for (String nothing : new String[] {"", " ", "-", "NA", "N/A", "None", "none", "null"}) {
            JsonNode r = Json.mapper().createObjectNode().put("v", nothing);
            assertThat(JsonFields.field(r, "v")).as("'%s'", nothing).isNull();
            assertThat(JsonFields.text(r, "v")).as("'%s'", nothing).isNull();
        }
        for (String value : new String[] {"--", "Nina", "NULL1", "n/a.", "0"}) {
            JsonNode r = Json.mapper().createObjectNode().put("v", value);
            assertThat(JsonFields.field(r, "v")).isEqualTo(value);
        }
    }
}
