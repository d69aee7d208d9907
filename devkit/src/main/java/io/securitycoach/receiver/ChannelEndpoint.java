package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The receiver's side of one channel's API: its answers, and its messages as the employee would see
 * them.
 */
interface ChannelEndpoint {
    /** The channel name in the shown message ({@code slack}, {@code teams}, {@code webhook}). */
    String channel();

    /**
     * The answer to a request under this channel's path; {@link Answer#NOT_FOUND} for what the API
     * does not have.
     */
    Answer answer(HttpExchange exchange, String path, byte[] body);

    /**
     * What makes two deliveries the same message; by default the {@code Idempotency-Key} header.
     */
    default String deduplicationKey(JsonNode body, String header) {
        return header;
    }

    /** The delivered message in the one shape for all channels: channel, email, text, ids. */
    JsonNode shown(JsonNode body);

    static boolean isPost(HttpExchange exchange) {
        return "POST".equals(exchange.getRequestMethod());
    }
}
