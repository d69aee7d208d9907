package io.securitycoach.notify.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.DestinationGuard;
import io.securitycoach.notify.GuardedTransport;
import io.securitycoach.notify.HostLookups;
import io.securitycoach.notify.PinnedDns;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {
    /** The request through the notifier's own transport, the server's origin allow-listed. */
    private static Reply get(HttpServer server) throws Exception {
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        PinnedDns pins = new PinnedDns(Duration.ofMinutes(1));
        try (HostLookups lookups = new HostLookups(1, InetAddress::getAllByName);
                GuardedTransport http =
                        new GuardedTransport(
                                new DestinationGuard(List.of(origin), pins),
                                pins,
                                lookups,
                                Duration.ofSeconds(5),
                                4)) {
            return http.send(Request.get(URI.create(origin + "/"), Duration.ofSeconds(10), true))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHugeAnswerIsReadToTheEndButOnlyItsStartKept() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(503, 10L * chunk.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 10; i++) {
                            out.write(chunk);
                        }
                    }
                });
        server.start();
        try {
            Reply r = get(server);
            assertThat(r.status).isEqualTo(503);
            assertThat(r.body)
                    .startsWith("xxxx")
                    .hasSize(
                            LimitedBody.DEFAULT_LIMIT
                                    + "... [10420224 more bytes not kept]".length())
                    .endsWith("... [10420224 more bytes not kept]");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSmallAnswerIsKeptWhole() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            Reply r = get(server);
            assertThat(r.body).isEqualTo("{\"ok\":true}");
        } finally {
            server.stop(0);
        }
    }
}
