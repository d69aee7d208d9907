package io.securitycoach.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * HTTP for a producer that must not send a record twice while the service is down: a refused
 * connection (nothing was received) is retried until it connects; a request that connected waits as
 * long as it takes (a frozen server answers when it thaws), so no answer is given up on and resent,
 * unless the request is idempotent (an S3 put of the same key and bytes). Every request has its own
 * connection (no keep-alive): a kept-alive connection that the server closes as it thaws would
 * reset a request it never read, and nobody could tell whether it had arrived.
 */
final class PatientHttp {
    static {
        System.setProperty("http.keepAlive", "false"); // read once, at the first connection
    }

    /** Status and body of an answer. */
    static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private final boolean idempotent;
    private long refusals;

    PatientHttp(boolean idempotent) {
        this.idempotent = idempotent;
    }

    Answer send(URI uri, String method, byte[] body, String... headers)
            throws InterruptedException {
        while (true) {
            try {
                return once(uri, method, body, headers);
            } catch (ConnectException e) {
                refusals++; // not received: safe to send again
            } catch (IOException e) {
                if (!idempotent) {
                    throw new IllegalStateException(
                            "request to "
                                    + uri
                                    + " failed after connecting; not resent, so the "
                                    + "input may lack these records: "
                                    + e,
                            e);
                }
                refusals++;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private static Answer once(URI uri, String method, byte[] body, String... headers)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setConnectTimeout(5_000);
            c.setReadTimeout((int) TimeUnit.MINUTES.toMillis(30));
            c.setRequestMethod(method);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                c.setRequestProperty(headers[i], headers[i + 1]);
            }
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new Answer(
                        status,
                        in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }

    long refusals() {
        return refusals;
    }
}
