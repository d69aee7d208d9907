package io.securitycoach.notify.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.notify.InertText;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.EventSummaries;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
    @Test
    void aThreatNameFromTheVendorArrivesAsInertText() throws Exception {
        SecurityEvent e = new SecurityEvent();
        e.eventClass = "web";
        e.action = "blocked";
        e.urlHost = "login.evil.example";
        e.threatName = "*URGENT* sign in again at https://evil.example/login";
        Notification n = new Notification();
        n.notificationId = "d1:slack";
        n.text =
                InertText.defang(
                        EventSummaries.describe(e),
                        new String[] {"learn.example.com"}); // as the planner
        JsonNode block = Json.mapper().readTree(SlackChannel.message(n, "U1")).at("/blocks/0/text");
        assertThat(block.path("type").asText()).isEqualTo("plain_text");
        assertThat(block.path("text").asText())
                .isEqualTo(
                        "You tried to open login[.]evil[.]example, flagged as *URGENT* sign in"
                                + " again at hxxps://evil[.]example/login; it was blocked.");
    }

    @Test
    void vendorTextIsPlainTextWithoutMarkupParsingOrUnfurling() throws Exception {
        Notification n = new Notification();
        n.notificationId = "d1:slack";
        // As the planner hands it over: the threat name quoted, its link already defanged.
        n.text =
                "Hi Alice. *URGENT* sign in again at hxxps://evil[.]example/login <!channel> &"
                        + " <@U123>";
        n.moduleUrl = "https://learn.example.com/modules/m";
        JsonNode message = Json.mapper().readTree(SlackChannel.message(n, "U1"));

        JsonNode section = message.at("/blocks/0/text");
        assertThat(section.path("type").asText())
                .as("never mrkdwn: *URGENT* is not bold")
                .isEqualTo("plain_text");
        assertThat(section.path("emoji").asBoolean(true)).isFalse();
        assertThat(section.path("text").asText())
                .isEqualTo(
                        "Hi Alice. *URGENT* sign in again at hxxps://evil[.]example/login"
                                + " &lt;!channel&gt; &amp; &lt;@U123&gt;");
        assertThat(message.path("mrkdwn").asBoolean(true))
                .as("the fallback text is not parsed either")
                .isFalse();
        assertThat(message.path("unfurl_links").asBoolean(true)).isFalse();
        assertThat(message.path("unfurl_media").asBoolean(true)).isFalse();
        assertThat(message.path("text").asText())
                .doesNotContain("<")
                .doesNotContain("https://evil");
        assertThat(message.at("/blocks/1/elements/0/url").asText())
                .isEqualTo("https://learn.example.com/modules/m");
    }
}
