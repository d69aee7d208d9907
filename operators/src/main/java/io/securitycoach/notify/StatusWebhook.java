package io.securitycoach.notify;

import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.WebhookChannel;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.schema.Json;
import io.securitycoach.util.JobMetrics;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Optionally tells the product's API about every delivery status, as the original pipeline did: a
 * POST per status ({@code Idempotency-Key} = notification id + status, both also in the signed
 * body), signed with the status webhook's own secret, retried a few times. Its address is checked
 * and pinned like every destination (the operator's allow-list applies: it is the operator's
 * endpoint). Best effort by design: the status always goes on to the audit trail, which is the
 * record; statuses the webhook never took are counted in {@code statusWebhookFailed}.
 */
public class StatusWebhook extends RichAsyncFunction<DeliveryStatus, DeliveryStatus> {
    private static final int ATTEMPTS = 3;

    private final NotifierSettings settings;
    private transient HostLookups lookups;
    private transient GuardedTransport http;
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
            signingSecret =
                    settings.statusWebhookSigningRef == null
                            ? null
                            : secrets.resolve(settings.statusWebhookSigningRef);
        }
        lookups = new HostLookups(1, InetAddress::getAllByName);
        PinnedDns pins = new PinnedDns(Duration.ofMinutes(2));
        DestinationGuard guard = new DestinationGuard(settings.allowedOrigins, pins);
        try {
            guard.check(url, true, lookups)
                    .join(); // operator configuration: a refused URL stops the job at start
        } catch (CompletionException e) {
            throw new IllegalArgumentException("status webhook: " + e.getCause().getMessage());
        }
        http =
                new GuardedTransport(
                        guard, pins, lookups, Duration.ofMillis(settings.requestTimeoutMillis), 4);
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "status-webhook");
                            t.setDaemon(true);
                            return t;
                        });
        failed = JobMetrics.exported(getRuntimeContext()).counter("statusWebhookFailed");
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        if (lookups != null) {
            lookups.close();
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

    private void post(
            DeliveryStatus status, ResultFuture<DeliveryStatus> result, String body, int attempt) {
        Request request =
                Request.post(url, body, Duration.ofMillis(settings.requestTimeoutMillis), true)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", status.notificationId + ":" + status.status);
        if (signingSecret != null) {
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            request.header(WebhookChannel.TIMESTAMP_HEADER, ts)
                    .header(
                            WebhookChannel.SIGNATURE_HEADER,
                            "v1=" + WebhookChannel.sign(signingSecret, ts, body));
        }
        http.send(request)
                .whenComplete(
                        (Reply r, Throwable error) -> {
                            boolean ok = error == null && r.status >= 200 && r.status < 300;
                            if (ok || attempt >= ATTEMPTS) {
                                if (!ok) {
                                    failed.inc();
                                }
                                result.complete(Collections.singletonList(status));
                                return;
                            }
                            try {
                                executor.schedule(
                                        () -> post(status, result, body, attempt + 1),
                                        settings.backoffMillis(attempt),
                                        TimeUnit.MILLISECONDS);
                            } catch (RejectedExecutionException shuttingDown) {
                                result.complete(Collections.singletonList(status));
                            }
                        });
    }
}
