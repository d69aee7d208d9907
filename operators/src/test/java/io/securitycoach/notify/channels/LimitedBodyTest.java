package io.securitycoach.notify.channels;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LimitedBodyTest {
    @Test
    void aHugeAnswerIsReadToTheEndButOnlyItsStartKept() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, 10L * chunk.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(chunk);
                }
            }
        });
        server.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(), LimitedBody.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).startsWith("xxxx").hasSize(LimitedBody.DEFAULT_LIMIT + "... [10420224 more bytes not kept]".length())
                    .endsWith("... [10420224 more bytes not kept]");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSmallAnswerIsKeptWhole() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(), LimitedBody.ofString());
            assertThat(r.body()).isEqualTo("{\"ok\":true}");
        } finally {
            server.stop(0);
        }
    }
}
