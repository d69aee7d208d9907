package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.coaching.ChannelName;
import io.securitycoach.notify.channels.WebhookSignatures;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Webhooks: {@code POST /webhook...}, the HMAC signature and timestamp window checked when the
 * secret is known, as a customer should ({@link WebhookSignatures}); 401 when not authentic or not
 * fresh.
 */
final class WebhookEndpoint implements ChannelEndpoint {
    private final String signingSecret;
    private final Duration signatureWindow;

    WebhookEndpoint(String signingSecret, Duration signatureWindow) {
        this.signingSecret = signingSecret;
        this.signatureWindow = signatureWindow;
    }

    @Override
    public String channel() {
        return ChannelName.WEBHOOK.id();
    }

    @Override
    public Answer answer(HttpExchange exchange, String path, byte[] body) {
        if (!ChannelEndpoint.isPost(exchange)) {
            return Answer.NOT_FOUND;
        }
        String refused = signatureProblem(exchange, body);
        if (refused != null) {
            return new Answer(401, Json.write(Map.of("ok", false, "error", refused)), false);
        }
        return new Answer(200, "{\"ok\":true}", true);
    }

    /**
     * The notification id in the signed body (plus the status, for status webhook posts), since the
     * Idempotency-Key header is not signed: a replay with a fresh header is still a duplicate.
     */
    @Override
    public String deduplicationKey(JsonNode body, String header) {
        if (!body.hasNonNull("notification_id")) {
            return header;
        }
        String id = body.get("notification_id").asText();
        return body.hasNonNull("status") ? id + ":" + body.get("status").asText() : id;
    }

    /** The body as posted (the webhook's own shape), with the channel added. */
    @Override
    public JsonNode shown(JsonNode body) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("channel", channel());
        if (body.isObject()) {
            m.setAll((ObjectNode) body);
        } else {
            m.set("body", body);
        }
        return m;
    }

    /** Null when the webhook is authentic and fresh (or no secret is known), else why not. */
    private String signatureProblem(HttpExchange exchange, byte[] body) {
        if (signingSecret == null) {
            return null;
        }
        return WebhookSignatures.problem(
                signingSecret,
                exchange.getRequestHeaders().getFirst(WebhookSignatures.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignatures.SIGNATURE_HEADER),
                new String(body, StandardCharsets.UTF_8),
                System.currentTimeMillis() / 1000,
                signatureWindow);
    }
}
