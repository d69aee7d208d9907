package io.securitycoach.notify.channels;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A generic webhook: the notification as JSON, with {@code Idempotency-Key} (notification id) and,
 * when a signing secret is configured (the org's own for its destination), {@code
 * X-Coach-Timestamp} and {@code X-Coach-Signature} ({@link WebhookSignatures}) so the receiver can
 * check it came from us and is fresh. The notification id is in the signed body: receivers
 * de-duplicate by it.
 */
public final class WebhookChannel implements Channel {
    public static final String TIMESTAMP_HEADER = WebhookSignatures.TIMESTAMP_HEADER;
    public static final String SIGNATURE_HEADER = WebhookSignatures.SIGNATURE_HEADER;

    @Override
    public String name() {
        return ChannelName.WEBHOOK.id();
    }

    @Override
    public CompletableFuture<Attempt> send(
            Notification n, Target target, Transport http, Duration timeout) {
        String body = body(n);
        Request request =
                Request.post(target.endpoint, body, timeout, target.operatorEndpoint)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", n.notificationId);
        if (target.signingSecret != null) {
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            request.header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "v1=" + sign(target.signingSecret, timestamp, body));
        }
        return http.send(request)
                .thenApply(r -> Attempt.fromHttp(r.status, r.body, r.retryAfterMillis));
    }

    public static String sign(String secret, String timestamp, String body) {
        return WebhookSignatures.sign(secret, timestamp, body);
    }

    static String body(Notification n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notification_id", n.notificationId);
        body.put("detection_id", n.detectionId);
        body.put("org_id", n.orgId);
        body.put("rule_id", n.ruleId);
        body.put("user_id", n.userId);
        body.put("email", n.email);
        body.put("channel", n.channel);
        body.put("severity", n.severity);
        body.put("text", n.text);
        body.put("summary", n.summary);
        body.put("module", n.module);
        body.put("module_url", n.moduleUrl);
        body.put("event_uids", n.eventUids);
        return Json.write(body);
    }
}
