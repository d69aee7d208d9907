package io.securitycoach.notify.channels;

import java.util.concurrent.CompletableFuture;

/**
 * Sends a channel's requests. The notifier's transport checks each destination (SSRF) and connects
 * only to the addresses it checked; a refused destination fails the future with the guard's reason.
 */
@FunctionalInterface
public interface Transport {
    CompletableFuture<Reply> send(Request request);
}
