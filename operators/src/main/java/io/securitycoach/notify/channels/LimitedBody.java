package io.securitycoach.notify.channels;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body kept up to a limit and the rest read and dropped: a receiver answering megabytes
 * must not grow the heap of every task that talks to it. What we read of an answer (a status, an
 * error code, a short reason for the audit trail) is always near the start.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<String> {
    /** Plenty for Slack's JSON answers and error pages. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private long dropped;

    private LimitedBody(int limit) {
        this.limit = limit;
    }

    public static HttpResponse.BodyHandler<String> ofString() {
        return ofString(DEFAULT_LIMIT);
    }

    public static HttpResponse.BodyHandler<String> ofString(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            int take = Math.min(b.remaining(), limit - kept.size());
            if (take > 0) {
                byte[] bytes = new byte[take];
                b.get(bytes);
                kept.write(bytes, 0, take);
            }
            dropped += b.remaining();
            b.position(b.limit());
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        String text = kept.toString(StandardCharsets.UTF_8);
        body.complete(dropped == 0 ? text : text + "... [" + dropped + " more bytes not kept]");
    }
}
