package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.channels.WebhookChannel;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSRF and tenant separation of deliveries: rebinding, the allow-list's reach, per-org signing. */
class DestinationSafetyTest {
    @TempDir Path secrets;
    private final List<HttpServer> servers = new ArrayList<>();
    private Notifier notifier;

    /**
     * A server on {@code address} that records what it receives and answers from {@code answers},
     * then 200.
     */
    private HttpServer server(
            String address, int port, Queue<String> received, Queue<Integer> answers)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.createContext(
                "/",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    String ts =
                            exchange.getRequestHeaders().getFirst(WebhookChannel.TIMESTAMP_HEADER);
                    received.add(
                            exchange.getRequestURI()
                                    + "|"
                                    + ts
                                    + "|"
                                    + exchange.getRequestHeaders()
                                            .getFirst(WebhookChannel.SIGNATURE_HEADER)
                                    + "|"
                                    + body);
                    Integer status = answers.poll();
                    exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                    exchange.close();
                });
        server.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
        if (notifier != null) {
            notifier.close();
        }
    }

    private NotifierSettings settings(String receiverOrigin) throws IOException {
        NotifierSettings s = NotifierSettings.allChannelsTo(receiverOrigin);
        s.initialBackoffMillis = 10;
        s.requestTimeoutMillis = 2_000;
        s.maxAttempts = 2;
        s.signingSecretRef = "file:platform-signing";
        s.secretsDir = secrets.toString();
        Files.writeString(secrets.resolve("platform-signing"), "platform-secret");
        Files.createDirectories(secrets.resolve("orgs/acme"));
        Files.writeString(secrets.resolve("orgs/acme/signing"), "acme-secret");
        return s;
    }

    /** An acme notification to its own webhook destination (a URL in its secrets folder). */
    private Notification toOrgWebhook(String url) throws IOException {
        Files.writeString(secrets.resolve("orgs/acme/webhook-url"), url);
        Notification n = new Notification();
        n.notificationId = "det-1:webhook";
        n.detectionId = "det-1";
        n.orgId = "acme";
        n.channel = "webhook";
        n.email = "alice@acme.com";
        n.text = "Hi Alice";
        n.destinationRef = "file:orgs/acme/webhook-url";
        n.signingSecretRef = "file:orgs/acme/signing";
        return n;
    }

    private DeliveryStatus deliver(Notification n) throws Exception {
        CompletableFuture<DeliveryStatus> done = new CompletableFuture<>();
        notifier.asyncInvoke(
                n,
                new ResultFuture<>() {
                    @Override
                    public void complete(Collection<DeliveryStatus> result) {
                        done.complete(result.iterator().next());
                    }

                    @Override
                    public void completeExceptionally(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        return done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckReceivesNothingThere() throws Exception {
        Queue<String> checkedHost = new ConcurrentLinkedQueue<>();
        Queue<String> loopback = new ConcurrentLinkedQueue<>();
        HttpServer good =
                server("127.0.0.2", 0, checkedHost, new ConcurrentLinkedQueue<>(List.of(503)));
        int port = good.getAddress().getPort();
        server("127.0.0.1", port, loopback, new ConcurrentLinkedQueue<>());
        AtomicInteger lookups = new AtomicInteger();
        notifier = new Notifier(settings("http://127.0.0.1:9"));
        notifier.addressPolicy =
                a -> a.getAddress()[3] == 2 ? null : "loopback"; // 127.0.0.2 plays a public host
        // Public at the check, loopback at every later lookup; "localhost" is loopback to the
        // system resolver too.
        notifier.resolver =
                host ->
                        new InetAddress[] {
                            InetAddress.getByAddress(
                                    host,
                                    new byte[] {
                                        127, 0, 0, (byte) (lookups.incrementAndGet() == 1 ? 2 : 1)
                                    })
                        };
        notifier.open((OpenContext) null);

        DeliveryStatus s = deliver(toOrgWebhook("http://localhost:" + port + "/hook"));

        assertThat(checkedHost).as("the first attempt went to the checked address").hasSize(1);
        assertThat(loopback).as("no request reached the rebound address").isEmpty();
        assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.reason).isEqualTo("destination_refused");
        assertThat(s.detail).contains("non-public address (loopback)");
        assertThat(lookups)
                .as("one lookup per attempt; the HTTP client never resolves by itself")
                .hasValue(2);
    }

    @Test
    void theAllowListAppliesToTheOperatorsExactOriginNeverToAnOrgsDestination() throws Exception {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        HttpServer receiver = server("127.0.0.1", 0, received, new ConcurrentLinkedQueue<>());
        String origin = "http://127.0.0.1:" + receiver.getAddress().getPort();
        notifier = new Notifier(settings(origin));
        notifier.open((OpenContext) null);

        DeliveryStatus flinkApi = deliver(toOrgWebhook("http://127.0.0.1:8081/jars/upload"));
        DeliveryStatus sameOrigin = deliver(toOrgWebhook(origin + "/webhook"));
        Notification operators = toOrgWebhook("unused");
        operators.destinationRef = null;
        DeliveryStatus toReceiver = deliver(operators);

        assertThat(flinkApi.reason).isEqualTo("destination_refused");
        assertThat(flinkApi.attempts).as("nothing sent").isZero();
        assertThat(sameOrigin.reason)
                .as("even the allowed origin, when an org names it")
                .isEqualTo("destination_refused");
        assertThat(toReceiver.status)
                .as("the operator's own receiver")
                .isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(received).hasSize(1).allMatch(r -> r.startsWith("/webhook|"));
    }

    @Test
    void allowListEntriesMustBeExactOrigins() {
        for (String entry :
                new String[] {
                    "127.0.0.1",
                    "http://127.0.0.1",
                    "http://127.0.0.1:80/x",
                    "ftp://h:21",
                    "http://u@h:80"
                }) {
            assertThatThrownBy(
                            () ->
                                    new DestinationGuard(
                                            List.of(entry), new PinnedDns(Duration.ofMinutes(1))))
                    .as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scheme://host:port");
        }
    }

    @Test
    void anOrgsWebhookIsSignedWithItsOwnSecretAndTheOperatorsWithThePlatforms() throws Exception {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        HttpServer hook = server("127.0.0.1", 0, received, new ConcurrentLinkedQueue<>());
        int port = hook.getAddress().getPort();
        notifier = new Notifier(settings("http://127.0.0.1:" + port));
        notifier.addressPolicy = a -> null;
        notifier.resolver =
                host ->
                        new InetAddress[] {
                            InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
                        };
        notifier.open((OpenContext) null);

        assertThat(deliver(toOrgWebhook("http://hooks.acme.test:" + port + "/acme")).status)
                .isEqualTo(DeliveryStatus.DELIVERED);
        Notification unsignable = toOrgWebhook("http://hooks.acme.test:" + port + "/acme");
        unsignable.signingSecretRef = null;
        DeliveryStatus refused = deliver(unsignable);
        Notification operators = toOrgWebhook("unused");
        operators.destinationRef = null;
        assertThat(deliver(operators).status).isEqualTo(DeliveryStatus.DELIVERED);

        assertThat(refused.reason).isEqualTo("secret_unavailable");
        assertThat(refused.detail).contains("no signing_secret");
        assertThat(received).hasSize(2);
        String[] org = received.poll().split("\\|", 4);
        String[] platform = received.poll().split("\\|", 4);
        assertThat(org[2])
                .isEqualTo("v1=" + WebhookChannel.sign("acme-secret", org[1], org[3]))
                .isNotEqualTo("v1=" + WebhookChannel.sign("platform-secret", org[1], org[3]));
        assertThat(platform[2])
                .isEqualTo(
                        "v1=" + WebhookChannel.sign("platform-secret", platform[1], platform[3]));
        assertThat(org[3])
                .as("the signed body carries the notification id")
                .contains("\"notification_id\":\"det-1:webhook\"");
    }
}
