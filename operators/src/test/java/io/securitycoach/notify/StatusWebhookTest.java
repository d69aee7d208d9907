package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.channels.WebhookSignatures;
import io.securitycoach.records.DeliveryStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status webhook signs with its own secret, never the webhook channel's, and goes through the
 * SSRF check.
 */
class StatusWebhookTest {
    @TempDir Path secrets;

    @Test
    void statusesAreSignedWithTheStatusWebhooksOwnSecret() throws Exception {
        Queue<String[]> received = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext(
                "/",
                exchange -> {
                    received.add(
                            new String[] {
                                exchange.getRequestHeaders()
                                        .getFirst(WebhookSignatures.TIMESTAMP_HEADER),
                                exchange.getRequestHeaders()
                                        .getFirst(WebhookSignatures.SIGNATURE_HEADER),
                                new String(
                                        exchange.getRequestBody().readAllBytes(),
                                        StandardCharsets.UTF_8)
                            });
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        Files.writeString(secrets.resolve("status-url"), origin + "/status");
        Files.writeString(secrets.resolve("status-signing"), "status-secret");
        Files.writeString(secrets.resolve("platform-signing"), "platform-secret");
        NotifierSettings settings = new NotifierSettings();
        settings.secretsDir = secrets.toString();
        settings.statusWebhookRef = "file:status-url";
        settings.statusWebhookSigningRef = "file:status-signing";
        settings.signingSecretRef = "file:platform-signing";
        settings.allowedOrigins.add(origin);
        DeliveryStatus status = new DeliveryStatus();
        status.notificationId = "d1:slack";
        status.status = DeliveryStatus.DELIVERED;
        AsyncWaitOperatorFactory<DeliveryStatus, DeliveryStatus> factory =
                new AsyncWaitOperatorFactory<>(
                        new StatusWebhook(settings),
                        30_000,
                        10,
                        AsyncDataStream.OutputMode.UNORDERED);
        try (OneInputStreamOperatorTestHarness<DeliveryStatus, DeliveryStatus> h =
                new OneInputStreamOperatorTestHarness<>(
                        factory,
                        TypeInformation.of(DeliveryStatus.class)
                                .createSerializer(new SerializerConfigImpl()))) {
            h.open();
            h.processElement(status, 0);
            h.endInput(); // waits for the post
            assertThat(h.extractOutputValues()).hasSize(1);
        } finally {
            server.stop(0);
        }
        String[] post = received.poll();
        long now = System.currentTimeMillis() / 1000;
        assertThat(
                        WebhookSignatures.problem(
                                "status-secret",
                                post[0],
                                post[1],
                                post[2],
                                now,
                                Duration.ofMinutes(5)))
                .isNull();
        assertThat(
                        WebhookSignatures.problem(
                                "platform-secret",
                                post[0],
                                post[1],
                                post[2],
                                now,
                                Duration.ofMinutes(5)))
                .isEqualTo("signature does not match");
        assertThat(post[2])
                .contains("\"notification_id\":\"d1:slack\"")
                .contains("\"status\":\"delivered\"");
    }
}
