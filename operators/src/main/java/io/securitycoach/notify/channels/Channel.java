package io.securitycoach.notify.channels;

import io.securitycoach.records.Notification;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One way to reach an employee. Implementations are stateless; one attempt per call, retries are the notifier's. */
public interface Channel {
    String name();

    /** Whether the channel needs a bot token (resolved from the destination's secret reference). */
    default boolean needsToken() {
        return false;
    }

    CompletableFuture<Attempt> send(Notification n, Target target, HttpClient http, Duration timeout);

    /** Retry-After in milliseconds (seconds form), or -1. */
    static long retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.trim()) * 1000L;
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }
}
