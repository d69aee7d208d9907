package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.schema.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack: {@code GET /slack/api/users.lookupByEmail} and {@code POST /slack/api/chat.postMessage}, a
 * bot token required. Emails starting with {@code unknown} are not found, as a missing workspace
 * member would be.
 */
final class SlackEndpoint implements ChannelEndpoint {
    /**
     * Slack user ids this receiver handed out, back to emails, so shown Slack messages name the
     * person.
     */
    private final Map<String, String> slackEmails = new ConcurrentHashMap<>();

    @Override
    public String channel() {
        return ChannelName.SLACK.id();
    }

    @Override
    public Answer answer(HttpExchange exchange, String path, byte[] body) {
        if (path.equals("/slack/api/users.lookupByEmail")
                && "GET".equals(exchange.getRequestMethod())) {
            return new Answer(200, lookupByEmail(exchange), false);
        }
        if (path.equals("/slack/api/chat.postMessage") && ChannelEndpoint.isPost(exchange)) {
            boolean delivery = authorized(exchange);
            return new Answer(
                    200,
                    delivery
                            ? "{\"ok\":true,\"ts\":\"" + System.currentTimeMillis() / 1000.0 + "\"}"
                            : "{\"ok\":false,\"error\":\"invalid_auth\"}",
                    delivery);
        }
        return Answer.NOT_FOUND;
    }

    @Override
    public JsonNode shown(JsonNode body) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("channel", channel());
        m.put("slack_user", body.path("channel").asText());
        m.put("email", slackEmails.getOrDefault(body.path("channel").asText(), "?"));
        m.put("text", body.path("text").asText());
        m.put("notification_id", body.at("/metadata/event_payload/notification_id").asText());
        return m;
    }

    private String lookupByEmail(HttpExchange exchange) {
        if (!authorized(exchange)) {
            return "{\"ok\":false,\"error\":\"invalid_auth\"}";
        }
        String query = exchange.getRequestURI().getQuery();
        String email =
                query == null
                        ? ""
                        : URLDecoder.decode(
                                query.replaceFirst("^email=", ""), StandardCharsets.UTF_8);
        return email.isBlank() || email.startsWith("unknown")
                ? "{\"ok\":false,\"error\":\"users_not_found\"}"
                : "{\"ok\":true,\"user\":{\"id\":\"" + slackUser(email) + "\"}}";
    }

    private String slackUser(String email) {
        String id = "U" + Integer.toHexString(email.hashCode()).toUpperCase(Locale.ROOT);
        slackEmails.put(id, email);
        return id;
    }

    private static boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") && auth.length() > 7;
    }
}
