package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/schema.md is the generated document, not a hand-kept copy: regenerate with ./coach schema
 * --write docs/schema.md.
 */
class SchemaDocTest {
    @Test
    void theSchemaDocumentMatchesTheDefinition() throws Exception {
        assertThat(Files.readString(Paths.get("..", "docs", "schema.md")))
                .isEqualTo(EventSchema.markdown());
    }

    @Test
    void everyFieldIsDocumented() {
        for (String field : EventSchema.eventFieldNames()) {
            assertThat(EventSchema.markdown()).contains("| `" + field + "` | ");
        }
        assertThat(EventSchema.markdown()).doesNotContain(" |  |");
    }
}
