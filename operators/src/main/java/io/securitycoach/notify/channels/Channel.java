package io.securitycoach.notify.channels;

import io.securitycoach.records.Notification;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One way to reach an employee. Implementations are stateless; one attempt per call, retries are
 * the notifier's.
 */
public interface Channel {
    String name();

    /** Whether the channel needs a bot token (resolved from the destination's secret reference). */
    default boolean needsToken() {
        return false;
    }

    CompletableFuture<Attempt> send(
            Notification n, Target target, Transport http, Duration timeout);
}
