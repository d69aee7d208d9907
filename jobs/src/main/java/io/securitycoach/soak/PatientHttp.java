package io.securitycoach.soak;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP for a producer that must not send a record twice while the service is down: a refused
 * connection (nothing was received) is retried until it connects; a request that connected waits as
 * long as it takes (a frozen server answers when it thaws), so no answer is ever given up on and
 * resent, unless the request is idempotent (an S3 put of the same key and bytes). Errors answered by
 * the server are returned to the caller.
 */
final class PatientHttp {
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean idempotent;
    private long refusals;

    PatientHttp(boolean idempotent) {
        this.idempotent = idempotent;
    }

    HttpResponse<String> send(URI uri, String method, HttpRequest.BodyPublisher body, String... headers)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = b.build();
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                refusals++; // not received: safe to send again
            } catch (IOException e) {
                if (!idempotent && !String.valueOf(e.getMessage()).contains("Connection refused")) {
                    throw new IllegalStateException("request to " + uri + " failed after connecting; not resent, so the "
                            + "input may lack these records: " + e, e);
                }
                refusals++;
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
    }

    long refusals() {
        return refusals;
    }
}
