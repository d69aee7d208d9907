package io.securitycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
    @Test
    void fillsKnownPlaceholdersAndFindsUnknownOnes() {
        assertThat(
                        MessageTemplate.render(
                                "Hi {first_name}, see {module_url} ($1 \\ ok)",
                                Map.of("first_name", "Ada", "module_url", "https://x/m")))
                .isEqualTo("Hi Ada, see https://x/m ($1 \\ ok)");
        assertThat(MessageTemplate.unknownPlaceholders("{first_name} {nickname} {summary} {x}"))
                .containsExactly("nickname", "x");
    }
}
