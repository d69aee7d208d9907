package io.securitycoach.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the receiver was sent, from its request log ({@code --record}): per notification, the
 * delivery requests it accepted, their idempotency keys and the first arrival. Read from the log,
 * not from the receiver's memory, so a receiver restarted mid-run (one of the soak's faults) still
 * counts right.
 */
final class ReceiverLog {
    static final String[] CHANNELS = {"slack", "teams", "webhook"};

    /** One notification as the receiver saw it. */
    static final class Received {
        final String channel;
        final String notificationId;
        int requests;
        final Set<String> keys = new HashSet<>();
        long firstTime = Long.MAX_VALUE;
        String firstLine;

        Received(String channel, String notificationId) {
            this.channel = channel;
            this.notificationId = notificationId;
        }

        /**
         * How often an employee saw it: Slack's chat.postMessage has no idempotency key, so every
         * accepted request shows; Teams and webhooks show once per distinct key.
         */
        int shown() {
            return "slack".equals(channel) ? requests : keys.size();
        }
    }

    final Map<String, Received> byNotification = new LinkedHashMap<>();
    final Path file;

    private ReceiverLog(Path file) {
        this.file = file;
    }

    static ReceiverLog read(Path file) {
        ReceiverLog log = new ReceiverLog(file);
        if (file == null || !Files.exists(file)) {
            return log;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    log.add(Json.mapper().readTree(line), file + ":" + n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read receiver log " + file, e);
        }
        return log;
    }

    private void add(JsonNode request, String place) {
        // Accepted deliveries only: shown, or a repeat the receiver recognised (injected failures,
        // 401s and lookups are neither).
        if (!request.path("shown").asBoolean() && !request.path("duplicate").asBoolean()) {
            return;
        }
        String path = request.path("path").asText();
        String channel =
                path.startsWith("/slack")
                        ? "slack"
                        : path.startsWith("/teams") ? "teams" : "webhook";
        JsonNode body = request.path("body");
        if ("webhook".equals(channel) && body.has("status")) {
            return; // a delivery status post, not a coaching message
        }
        String id =
                "slack".equals(channel)
                        ? body.at("/metadata/event_payload/notification_id").asText()
                        : body.path("notification_id").asText();
        Received r = byNotification.computeIfAbsent(id, k -> new Received(channel, k));
        r.requests++;
        String key = request.path("idempotency_key").asText(null);
        r.keys.add(key != null ? key : "request:" + place);
        if (request.path("time").asLong() < r.firstTime) {
            r.firstTime = request.path("time").asLong();
            r.firstLine = place;
        }
    }

    /** Extra showings per channel (shown more than once), for every channel even when 0. */
    Map<String, Long> duplicatesShown() {
        Map<String, Long> out = new TreeMap<>();
        for (String c : CHANNELS) {
            out.put(c, 0L);
        }
        for (Received r : byNotification.values()) {
            out.merge(r.channel, (long) Math.max(0, r.shown() - 1), Long::sum);
        }
        return out;
    }
}
