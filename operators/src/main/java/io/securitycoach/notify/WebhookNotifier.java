package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.schema.Json;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notify stage: posts each notification as JSON over a non-blocking HTTP client, retrying 408, 429
 * (honouring Retry-After) and 5xx answers and connection errors with exponential backoff; other 4xx
 * answers are final. Every notification completes with exactly one {@link DeliveryStatus}, never an
 * exception: failures are data for the audit trail and the dead letters.
 *
 * <p>The {@code Idempotency-Key} header carries the notification id (detection id + channel), so a
 * receiver that honours it shows a message once even when a restore makes us send it again.
 */
public class WebhookNotifier extends RichAsyncFunction<Notification, DeliveryStatus> {
    private static final int MAX_DETAIL_CHARS = 512;

    private final NotifierSettings settings;
    private transient HttpClient http;
    private transient ScheduledExecutorService retries;

    public WebhookNotifier(NotifierSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(settings.requestTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notify-retries");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public void asyncInvoke(Notification n, ResultFuture<DeliveryStatus> result) {
        Delivery delivery = new Delivery(n, result, System.currentTimeMillis());
        String url = settings.endpoints.get(n.channel);
        if (url == null) {
            delivery.finish(DeliveryStatus.FAILED, 0, 0, "channel_not_configured", n.channel);
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMillis(settings.requestTimeoutMillis))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", n.notificationId)
                    .POST(HttpRequest.BodyPublishers.ofString(body(n)))
                    .build();
        } catch (IllegalArgumentException e) {
            delivery.finish(DeliveryStatus.FAILED, 0, 0, "invalid_destination", e.getMessage());
            return;
        }
        attempt(delivery, request, 1);
    }

    @Override
    public void timeout(Notification n, ResultFuture<DeliveryStatus> result) {
        // Only reached if the retry budget outlives the operator timeout; the notification still ends with a status.
        new Delivery(n, result, n.detectTime).finish(DeliveryStatus.FAILED, 0, 0, "async_timeout",
                "no outcome within the async operator timeout");
    }

    private void attempt(Delivery delivery, HttpRequest request, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                retryOrFail(delivery, request, attempt, 0, settings.backoffMillis(attempt), "connection_error",
                        error.getClass().getSimpleName() + ": " + error.getMessage());
                return;
            }
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                delivery.finish(DeliveryStatus.DELIVERED, attempt, code, null, null);
            } else if (code == 408 || code == 429 || code >= 500) {
                long wait = code == 429 ? retryAfter(response, attempt) : settings.backoffMillis(attempt);
                retryOrFail(delivery, request, attempt, code, wait, "http_" + code, response.body());
            } else {
                delivery.finish(DeliveryStatus.FAILED, attempt, code, "rejected_http_" + code, response.body());
            }
        });
    }

    private void retryOrFail(Delivery delivery, HttpRequest request, int attempt, int code, long waitMillis,
                             String reason, String detail) {
        if (attempt >= settings.maxAttempts) {
            delivery.finish(DeliveryStatus.FAILED, attempt, code, "retries_exhausted:" + reason, detail);
            return;
        }
        try {
            retries.schedule(() -> attempt(delivery, request, attempt + 1), waitMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            delivery.finish(DeliveryStatus.FAILED, attempt, code, "shutting_down", detail);
        }
    }

    private long retryAfter(HttpResponse<String> response, int attempt) {
        return response.headers().firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Math.min(Long.parseLong(v.trim()) * 1000L, settings.maxBackoffMillis);
                    } catch (NumberFormatException e) {
                        return settings.backoffMillis(attempt);
                    }
                })
                .orElse(settings.backoffMillis(attempt));
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

    /** One notification in flight; completes its future exactly once whatever races (timeout, retries). */
    private static final class Delivery {
        private final Notification n;
        private final ResultFuture<DeliveryStatus> result;
        private final long started;
        private final AtomicBoolean done = new AtomicBoolean();

        Delivery(Notification n, ResultFuture<DeliveryStatus> result, long started) {
            this.n = n;
            this.result = result;
            this.started = started;
        }

        void finish(String status, int attempts, int httpStatus, String reason, String detail) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            DeliveryStatus s = new DeliveryStatus();
            s.notificationId = n.notificationId;
            s.detectionId = n.detectionId;
            s.orgId = n.orgId;
            s.ruleId = n.ruleId;
            s.userId = n.userId;
            s.channel = n.channel;
            s.status = status;
            s.attempts = attempts;
            s.httpStatus = httpStatus;
            s.time = System.currentTimeMillis();
            s.latencyMs = s.time - started;
            s.reason = reason;
            s.detail = detail == null || detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS);
            result.complete(Collections.singletonList(s));
        }
    }
}
