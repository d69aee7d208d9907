package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.schema.Json;

/**
 * Teams: {@code POST /teams...} with an Adaptive Card, answered {@code 1} as an incoming webhook
 * does.
 */
final class TeamsEndpoint implements ChannelEndpoint {
    @Override
    public String channel() {
        return ChannelName.TEAMS.id();
    }

    @Override
    public Answer answer(HttpExchange exchange, String path, byte[] body) {
        return ChannelEndpoint.isPost(exchange) ? new Answer(200, "1", true) : Answer.NOT_FOUND;
    }

    @Override
    public JsonNode shown(JsonNode body) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("channel", channel());
        m.put("email", body.path("email").asText());
        m.put("text", body.at("/attachments/0/content/body/1/inlines/0/text").asText());
        m.put("notification_id", body.path("notification_id").asText());
        return m;
    }
}
