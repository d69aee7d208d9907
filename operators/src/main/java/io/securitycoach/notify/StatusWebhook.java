package io.securitycoach.notify;

import io.securitycoach.notify.channels.WebhookChannel;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.schema.Json;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Optionally tells the product's API about every delivery status, as the original pipeline did: a
 * signed POST per status ({@code Idempotency-Key} = notification id + status), retried a few times.
 * Best effort by design: the status always goes on to the audit trail, which is the record;
 * statuses the webhook never took are counted in {@code statusWebhookFailed}.
 */
public class StatusWebhook extends RichAsyncFunction<DeliveryStatus, DeliveryStatus> {
    private static final int ATTEMPTS = 3;

    private final NotifierSettings settings;
    private transient HttpClient http;
    private transient ScheduledExecutorService executor;
    private transient URI url;
    private transient String signingSecret;
    private transient Counter failed;

    public StatusWebhook(NotifierSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        try (SecretResolver secrets = SecretResolver.of(settings)) {
            url = URI.create(secrets.resolve(settings.statusWebhookRef));
            signingSecret = settings.signingSecretRef == null ? null : secrets.resolve(settings.signingSecretRef);
        }
        String refused = new DestinationGuard(settings.allowedPrivateHosts).refusal(url);
        if (refused != null) {
            throw new IllegalArgumentException("status webhook: " + refused); // operator configuration: fail at start
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.requestTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-webhook");
            t.setDaemon(true);
            return t;
        });
        failed = getRuntimeContext().getMetricGroup().counter("statusWebhookFailed");
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public void asyncInvoke(DeliveryStatus status, ResultFuture<DeliveryStatus> result) {
        post(status, result, Json.write(status), 1);
    }

    @Override
    public void timeout(DeliveryStatus status, ResultFuture<DeliveryStatus> result) {
        failed.inc();
        result.complete(Collections.singletonList(status));
    }

    private void post(DeliveryStatus status, ResultFuture<DeliveryStatus> result, String body, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(settings.requestTimeoutMillis))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", status.notificationId + ":" + status.status)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signingSecret != null) {
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            request.header(WebhookChannel.TIMESTAMP_HEADER, ts)
                    .header(WebhookChannel.SIGNATURE_HEADER, "v1=" + WebhookChannel.sign(signingSecret, ts, body));
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, error) -> {
            boolean ok = error == null && r.statusCode() >= 200 && r.statusCode() < 300;
            if (ok || attempt >= ATTEMPTS) {
                if (!ok) {
                    failed.inc();
                }
                result.complete(Collections.singletonList(status));
                return;
            }
            try {
                executor.schedule(() -> post(status, result, body, attempt + 1), settings.backoffMillis(attempt), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                result.complete(Collections.singletonList(status));
            }
        });
    }
}
