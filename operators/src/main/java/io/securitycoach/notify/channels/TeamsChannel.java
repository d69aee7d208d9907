package io.securitycoach.notify.channels;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Microsoft Teams: an Adaptive Card posted to an incoming-webhook or Workflows URL (the URL is the
 * secret).
 */
public final class TeamsChannel implements Channel {
    @Override
    public String name() {
        return ChannelName.TEAMS.id();
    }

    @Override
    public CompletableFuture<Attempt> send(
            Notification n, Target target, Transport http, Duration timeout) {
        Request request =
                Request.post(target.endpoint, card(n), timeout, target.operatorEndpoint)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", n.notificationId);
        return http.send(request)
                .thenApply(r -> Attempt.fromHttp(r.status, r.body, r.retryAfterMillis));
    }

    static String card(Notification n) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("summary", n.summary == null ? "Security tip" : n.summary);
        message.put("notification_id", n.notificationId);
        message.put("email", n.email);
        message.put(
                "attachments",
                List.of(
                        Map.of(
                                "contentType",
                                "application/vnd.microsoft.card.adaptive",
                                "content",
                                adaptiveCard(n))));
        return Json.write(message);
    }

    private static Map<String, Object> adaptiveCard(Notification n) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        card.put("body", List.of(heading(), tipText(n)));
        if (n.moduleUrl != null) {
            card.put("actions", List.of(openModule(n.moduleUrl)));
        }
        return card;
    }

    private static Map<String, Object> heading() {
        return Map.of(
                "type", "TextBlock",
                "text", "A quick security tip",
                "weight", "Bolder",
                "size", "Medium");
    }

    /**
     * The message quotes vendor data (URLs, file names): a TextRun is never read as Markdown, so
     * "[click](https://evil.example)" stays text instead of becoming a link (a TextBlock would
     * render it).
     */
    private static Map<String, Object> tipText(Notification n) {
        return Map.of(
                "type",
                "RichTextBlock",
                "inlines",
                List.of(Map.of("type", "TextRun", "text", String.valueOf(n.text))));
    }

    private static Map<String, Object> openModule(String moduleUrl) {
        return Map.of(
                "type", "Action.OpenUrl",
                "title", "Two minutes on why",
                "url", moduleUrl);
    }
}
