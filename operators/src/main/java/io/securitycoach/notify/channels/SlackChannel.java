package io.securitycoach.notify.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Slack Web API: {@code users.lookupByEmail} to find the employee, then {@code chat.postMessage}
 * with Block Kit to their DM, authenticated with the org's bot token. Slack answers most errors
 * with HTTP 200 and {@code "ok": false}: those are read here (rate limits retry, unknown users are
 * final).
 */
public final class SlackChannel implements Channel {
    private static final Set<String> RETRYABLE =
            Set.of(
                    "ratelimited",
                    "internal_error",
                    "fatal_error",
                    "service_unavailable",
                    "request_timeout");

    @Override
    public String name() {
        return ChannelName.SLACK.id();
    }

    @Override
    public boolean needsToken() {
        return true;
    }

    @Override
    public CompletableFuture<Attempt> send(
            Notification n, Target target, Transport http, Duration timeout) {
        URI lookup =
                api(
                        target,
                        "users.lookupByEmail?email="
                                + URLEncoder.encode(n.email, StandardCharsets.UTF_8));
        Request find =
                Request.get(lookup, timeout, target.operatorEndpoint)
                        .header("Authorization", "Bearer " + target.token);
        return http.send(find)
                .thenCompose(
                        r -> {
                            Attempt failed = slackError(r, "users.lookupByEmail");
                            if (failed != null) {
                                return CompletableFuture.completedFuture(failed);
                            }
                            String userId = parse(r.body).at("/user/id").asText(null);
                            if (userId == null) {
                                return CompletableFuture.completedFuture(
                                        Attempt.fail(r.status, "slack_user_not_found", r.body));
                            }
                            Request post =
                                    Request.post(
                                                    api(target, "chat.postMessage"),
                                                    message(n, userId),
                                                    timeout,
                                                    target.operatorEndpoint)
                                            .header("Authorization", "Bearer " + target.token)
                                            .header(
                                                    "Content-Type",
                                                    "application/json; charset=utf-8")
                                            .header("Idempotency-Key", n.notificationId);
                            return http.send(post)
                                    .thenApply(
                                            p -> {
                                                Attempt postFailed =
                                                        slackError(p, "chat.postMessage");
                                                return postFailed != null
                                                        ? postFailed
                                                        : Attempt.delivered(p.status);
                                            });
                        });
    }

    private static URI api(Target target, String method) {
        String base = target.endpoint.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/" + method);
    }

    /** null when the call succeeded; else the attempt it amounts to. */
    private static Attempt slackError(Reply r, String method) {
        if (r.status != 200) {
            return Attempt.fromHttp(r.status, r.body, r.retryAfterMillis);
        }
        JsonNode body = parse(r.body);
        if (body.path("ok").asBoolean(false)) {
            return null;
        }
        String error = body.path("error").asText("unknown_error");
        return RETRYABLE.contains(error)
                ? Attempt.retry(200, r.retryAfterMillis, "slack_" + error, method)
                : Attempt.fail(200, "slack_" + error, method);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return Json.mapper().createObjectNode();
        }
    }

    /**
     * Slack's control characters: vendor text (URLs, subjects) must not become links or mentions.
     */
    static String escape(String text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The message is inert: its text goes in a {@code plain_text} block (no bold, no links, no
     * mentions, emoji codes left as typed), markup parsing and unfurling are off for the fallback
     * text, and {@code & < >} are escaped in both. Links in it were already defanged (see
     * InertText).
     */
    static String message(Notification n, String slackUserId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", slackUserId);
        message.put("text", escape(n.text));
        message.put("mrkdwn", false);
        message.put("unfurl_links", false);
        message.put("unfurl_media", false);
        message.put(
                "metadata",
                Map.of(
                        "event_type",
                        "coaching",
                        "event_payload",
                        Map.of("notification_id", n.notificationId)));
        message.put(
                "blocks",
                List.of(
                        Map.of(
                                "type",
                                "section",
                                "text",
                                Map.of(
                                        "type",
                                        "plain_text",
                                        "text",
                                        escape(n.text),
                                        "emoji",
                                        false)),
                        Map.of(
                                "type",
                                "actions",
                                "elements",
                                List.of(
                                        Map.of(
                                                "type",
                                                "button",
                                                "text",
                                                Map.of(
                                                        "type",
                                                        "plain_text",
                                                        "text",
                                                        "Two minutes on why"),
                                                "url",
                                                String.valueOf(n.moduleUrl))))));
        return Json.write(message);
    }
}
