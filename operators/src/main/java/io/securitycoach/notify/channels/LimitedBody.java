package io.securitycoach.notify.channels;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * A response kept up to a limit and the rest read and dropped: a receiver answering megabytes must
 * not grow the heap of every task that talks to it. What we read of an answer (a status, an error
 * code, a short reason for the audit trail) is always near the start.
 */
public final class LimitedBody extends AbstractBinResponseConsumer<Reply> {
    /** Plenty for Slack's JSON answers and error pages. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;
    private int status;
    private long retryAfterMillis = -1;
    private final Map<String, String> headers = new HashMap<>();

    /** At most this many headers are kept: an answer with thousands cannot grow the heap. */
    private static final int MAX_HEADERS = 64;

    public LimitedBody(int limit) {
        this.limit = limit;
    }

    public LimitedBody() {
        this(DEFAULT_LIMIT);
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        Header retryAfter = response.getFirstHeader("Retry-After");
        retryAfterMillis = Reply.retryAfter(retryAfter == null ? null : retryAfter.getValue());
        for (Header h : response.getHeaders()) {
            if (headers.size() < MAX_HEADERS) {
                // repeated headers (Okta's Link rel="self" and rel="next") joined as HTTP allows
                headers.merge(
                        h.getName().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
            }
        }
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer data, boolean endOfStream) {
        int take = Math.min(data.remaining(), limit - kept.size());
        if (take > 0) {
            byte[] bytes = new byte[take];
            data.get(bytes);
            kept.write(bytes, 0, take);
        }
        dropped += data.remaining();
        data.position(data.limit());
    }

    @Override
    protected Reply buildResult() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return new Reply(
                status,
                dropped == 0 ? text : text + "... [" + dropped + " more bytes not kept]",
                retryAfterMillis,
                Map.copyOf(headers),
                dropped > 0);
    }

    @Override
    public void releaseResources() {
        // nothing held beyond the buffer, which the result has copied
    }
}
