package io.securitycoach.notify.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.Json;
import org.junit.jupiter.api.Test;

class TeamsChannelTest {
    @Test
    void vendorTextIsATextRunThatNoHostReadsAsMarkdown() throws Exception {
        Notification n = new Notification();
        n.notificationId = "d1:teams";
        n.text = "Hi Alice, you opened [click here](https://evil.example) **now**";
        JsonNode card = Json.mapper().readTree(TeamsChannel.card(n)).at("/attachments/0/content");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        JsonNode message = card.path("body").get(1);
        assertThat(message.path("type").asText()).isEqualTo("RichTextBlock");
        assertThat(message.at("/inlines/0/type").asText()).isEqualTo("TextRun");
        assertThat(message.at("/inlines/0/text").asText()).isEqualTo(n.text);
        // Markdown-reading TextBlocks hold only our own fixed heading, never the vendor-derived
        // text.
        for (JsonNode block : card.path("body")) {
            if ("TextBlock".equals(block.path("type").asText())) {
                assertThat(block.path("text").asText()).isEqualTo("A quick security tip");
            }
        }
        assertThat(card.has("actions")).isFalse();
    }
}
