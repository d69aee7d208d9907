package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.channels.WebhookChannel;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier (webhook channel) against a scripted local HTTP server: answers are taken from a
 * queue, then 200.
 */
class NotifierTest {
    private HttpServer server;
    private final Queue<int[]> script = new ConcurrentLinkedQueue<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    @TempDir Path dir;
    private Notifier notifier;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(
                "/",
                exchange -> {
                    synchronized (keys) {
                        keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                        paths.add(exchange.getRequestURI().toString());
                        String body =
                                new String(
                                        exchange.getRequestBody().readAllBytes(),
                                        StandardCharsets.UTF_8);
                        bodies.add(body);
                        String ts =
                                exchange.getRequestHeaders()
                                        .getFirst(WebhookChannel.TIMESTAMP_HEADER);
                        signatures.add(
                                exchange.getRequestHeaders()
                                                .getFirst(WebhookChannel.SIGNATURE_HEADER)
                                        + "|"
                                        + (ts == null
                                                ? ""
                                                : "v1=" + WebhookChannel.sign("s3cret", ts, body)));
                    }
                    int[] answer = script.poll();
                    int status = answer == null ? 200 : answer[0];
                    if (answer != null && answer.length > 1) {
                        exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer[1]));
                    }
                    byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        if (notifier != null) {
            notifier.close();
        }
    }

    private NotifierSettings settings(int maxAttempts) {
        NotifierSettings s =
                NotifierSettings.allChannelsTo("http://127.0.0.1:" + server.getAddress().getPort());
        s.initialBackoffMillis = 20;
        s.maxBackoffMillis = 2_000;
        s.requestTimeoutMillis = 2_000;
        s.maxAttempts = maxAttempts;
        s.signingSecretRef = null;
        return s;
    }

    private DeliveryStatus deliver(NotifierSettings s, Notification n) throws Exception {
        notifier = new Notifier(s);
        notifier.open((OpenContext) null);
        return invoke(notifier, n).get(30, TimeUnit.SECONDS);
    }

    /**
     * Delivers with {@code host} resolving to loopback, loopback counted as public (a stand-in for
     * the internet).
     */
    private DeliveryStatus deliverVia(NotifierSettings s, Notification n, String host)
            throws Exception {
        notifier = new Notifier(s);
        notifier.addressPolicy = a -> null;
        notifier.resolver =
                name -> {
                    if (!name.equals(host)) {
                        throw new UnknownHostException(name);
                    }
                    return new InetAddress[] {
                        InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})
                    };
                };
        notifier.open((OpenContext) null);
        return invoke(notifier, n).get(30, TimeUnit.SECONDS);
    }

    private static CompletableFuture<DeliveryStatus> invoke(Notifier notifier, Notification n) {
        CompletableFuture<DeliveryStatus> done = new CompletableFuture<>();
        notifier.asyncInvoke(
                n,
                new ResultFuture<>() {
                    @Override
                    public void complete(Collection<DeliveryStatus> result) {
                        assertThat(result).hasSize(1);
                        done.complete(result.iterator().next());
                    }

                    @Override
                    public void completeExceptionally(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        return done;
    }

    private static Notification notification(String channel) {
        Notification n = new Notification();
        n.notificationId = "det-1:" + channel;
        n.detectionId = "det-1";
        n.orgId = "acme";
        n.channel = channel;
        n.email = "alice@acme.com";
        n.text = "Hi Alice";
        n.eventUids = new String[] {"e1"};
        return n;
    }

    @Test
    void deliversWithTheIdempotencyKeyAndTheMessage() throws Exception {
        DeliveryStatus s = deliver(settings(3), notification("webhook"));
        assertThat(s.status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(s.attempts).isEqualTo(1);
        assertThat(s.httpStatus).isEqualTo(200);
        assertThat(keys).containsExactly("det-1:webhook");
        assertThat(bodies.get(0))
                .contains("\"email\":\"alice@acme.com\"")
                .contains("\"text\":\"Hi Alice\"");
    }

    @Test
    void signsWebhookBodiesWithTheReferencedSecret() throws Exception {
        Path secret = dir.resolve("signing");
        Files.writeString(secret, "s3cret\n");
        NotifierSettings s = settings(1);
        s.signingSecretRef = "file:" + secret;
        assertThat(deliver(s, notification("webhook")).status).isEqualTo(DeliveryStatus.DELIVERED);
        String[] sent = signatures.get(0).split("\\|");
        assertThat(sent[0]).startsWith("v1=").isEqualTo(sent[1]);
    }

    @Test
    void aMissingSecretFailsWithItsReferenceNotItsValue() throws Exception {
        NotifierSettings s = settings(3);
        s.signingSecretRef = "env:COACH_TEST_SECRET_THAT_IS_NOT_SET";
        DeliveryStatus st = deliver(s, notification("webhook"));
        assertThat(st.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(st.reason).isEqualTo("secret_unavailable");
        assertThat(st.detail).contains("env:COACH_TEST_SECRET_THAT_IS_NOT_SET");
        assertThat(keys).as("nothing was sent").isEmpty();
    }

    @Test
    void secretsManagerValuesFlowIntoTheDelivery() throws Exception {
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
            String hook =
                    "http://hooks.acme.test:"
                            + server.getAddress().getPort()
                            + "/hooks/acme?key=k-123";
            secretsManager.secrets.put("coach/acme/webhook-url", hook);
            secretsManager.secrets.put("coach/acme/webhook-signing", "s3cret");
            secretsManager.secrets.put("coach/platform/webhook-signing", "platform-secret");
            NotifierSettings s = settings(1);
            s.secretsManagerRegion = "eu-west-1";
            s.secretsManagerEndpoint = secretsManager.endpoint();
            s.signingSecretRef = "aws-secrets-manager:coach/platform/webhook-signing";
            Notification n = notification("webhook");
            n.destinationRef = "aws-secrets-manager:coach/acme/webhook-url";
            n.signingSecretRef = "aws-secrets-manager:coach/acme/webhook-signing";

            DeliveryStatus st = deliverVia(s, n, "hooks.acme.test");

            assertThat(st.status)
                    .as(st.reason + " " + st.detail)
                    .isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(paths).containsExactly("/hooks/acme?key=k-123");
            String[] sent = signatures.get(0).split("\\|");
            assertThat(sent[0])
                    .as("signed with the org's own secret from Secrets Manager")
                    .startsWith("v1=")
                    .isEqualTo(sent[1]);
            assertThat(secretsManager.requestedIds)
                    .containsExactlyInAnyOrder(
                            "coach/acme/webhook-url", "coach/acme/webhook-signing");
            assertThat(secretsManager.targets).containsOnly("secretsmanager.GetSecretValue");
        }
    }

    @Test
    void aSecretMissingFromSecretsManagerIsAFinalFailureNamingItsId() throws Exception {
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
            NotifierSettings s = settings(6);
            s.secretsManagerRegion = "eu-west-1";
            s.secretsManagerEndpoint = secretsManager.endpoint();
            Notification n = notification("webhook");
            n.destinationRef = "aws-secrets-manager:coach/acme/webhook-url";

            DeliveryStatus st = deliver(s, n);

            assertThat(st.status).isEqualTo(DeliveryStatus.FAILED);
            assertThat(st.attempts).as("not retried").isZero();
            assertThat(st.reason).isEqualTo("secret_unavailable");
            assertThat(st.detail)
                    .isEqualTo(
                            "aws-secrets-manager:coach/acme/webhook-url: no such secret in Secrets"
                                    + " Manager");
            assertThat(secretsManager.requestedIds).containsExactly("coach/acme/webhook-url");
            assertThat(keys).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void aHangingDnsLookupForOneHostHoldsUpNoOtherDestination() throws Exception {
        CountDownLatch slowDns = new CountDownLatch(1);
        Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
        NotifierSettings s = settings(3);
        s.allowedOrigins.clear(); // every destination goes through the DNS check
        s.dnsLookupThreads = 2;
        s.destinationSlots = 32; // this test is about DNS, not shares
        int port = server.getAddress().getPort();
        s.endpoints.put("webhook", "http://slow.test:" + port + "/slow-dns");
        s.endpoints.put("teams", "http://fast.test:" + port + "/fast-dns");
        notifier = new Notifier(s);
        notifier.addressPolicy =
                a -> null; // loopback counts as public here: the test's hosts live on it
        notifier.resolver =
                host -> {
                    lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                    if (host.equals("slow.test")) {
                        try {
                            slowDns.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException closing) {
                            throw new UnknownHostException(host);
                        }
                    }
                    return new InetAddress[] {
                        InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
                    };
                };
        notifier.open((OpenContext) null);

        List<CompletableFuture<DeliveryStatus>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Notification n = notification("webhook");
            n.notificationId = "det-" + i + ":webhook";
            slow.add(invoke(notifier, n));
        }
        script.add(new int[] {503}); // the other destination's first answer: it must retry, too
        DeliveryStatus fast = invoke(notifier, notification("teams")).get(30, TimeUnit.SECONDS);

        assertThat(fast.status)
                .as(fast.reason + " " + fast.detail)
                .isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(fast.attempts).isEqualTo(2);
        assertThat(slow).noneMatch(CompletableFuture::isDone);
        assertThat(lookups.get("slow.test").get()).as("one lookup per host at a time").isEqualTo(1);

        slowDns.countDown();
        for (CompletableFuture<DeliveryStatus> f : slow) {
            assertThat(f.get(30, TimeUnit.SECONDS).status).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void privateLinkLocalAndMetadataAddressesAreRefused() throws Exception {
        for (String url :
                new String[] {
                    "http://10.1.2.3/hook",
                    "http://169.254.169.254/latest/meta-data",
                    "http://[::1]:8080/x",
                    "http://192.168.0.10/x",
                    "ftp://example.com/x"
                }) {
            NotifierSettings s = settings(3);
            s.allowedOrigins.clear();
            s.endpoints.put("webhook", url);
            DeliveryStatus st = deliver(s, notification("webhook"));
            assertThat(st.reason).as(url).isEqualTo("destination_refused");
        }
        assertThat(keys).isEmpty();
    }

    @Test
    void circuitOpensAfterConsecutiveFailures() throws Exception {
        for (int i = 0; i < 10; i++) {
            script.add(new int[] {503});
        }
        NotifierSettings s = settings(4);
        s.circuitFailures = 2;
        s.circuitOpenMillis = 300;
        long start = System.currentTimeMillis();
        DeliveryStatus st = deliver(s, notification("webhook"));
        assertThat(st.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(keys)
                .as("attempt 3 found the circuit open and waited instead of calling")
                .hasSize(3);
        assertThat(st.attempts).isEqualTo(4);
        assertThat(st.reason).isEqualTo("retries_exhausted:http_503");
        assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(300);
    }

    @Test
    void retriesServerErrorsTimeoutsAndThrottlingThenDelivers() throws Exception {
        script.add(new int[] {503});
        script.add(new int[] {408});
        script.add(new int[] {429, 1});
        long start = System.currentTimeMillis();
        DeliveryStatus s = deliver(settings(6), notification("webhook"));
        assertThat(s.status).as(s.toString() + " " + s.detail).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(s.attempts).isEqualTo(4);
        assertThat(System.currentTimeMillis() - start)
                .as("Retry-After: 1 was honoured")
                .isGreaterThanOrEqualTo(1000);
        assertThat(keys).containsOnly("det-1:webhook").hasSize(4);
    }

    @Test
    void clientErrorsAreFinal() throws Exception {
        script.add(new int[] {400});
        DeliveryStatus s = deliver(settings(6), notification("teams"));
        assertThat(s.status).as(s + " " + s.detail).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.attempts).isEqualTo(1);
        assertThat(s.reason).isEqualTo("rejected_http_400");
        assertThat(s.detail).contains("400");
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastAnswer() throws Exception {
        for (int i = 0; i < 5; i++) {
            script.add(new int[] {500});
        }
        DeliveryStatus s = deliver(settings(3), notification("webhook"));
        assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.attempts).isEqualTo(3);
        assertThat(s.httpStatus).isEqualTo(500);
        assertThat(s.reason).isEqualTo("retries_exhausted:http_500");
    }

    @Test
    void unreachableReceiverFailsAfterRetries() throws Exception {
        NotifierSettings s = settings(2);
        s.endpoints.put("webhook", "http://127.0.0.1:1/webhook");
        s.allowedOrigins.add("http://127.0.0.1:1");
        DeliveryStatus st = deliver(s, notification("webhook"));
        assertThat(st.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(st.attempts).isEqualTo(2);
        assertThat(st.reason).startsWith("retries_exhausted:connection_error");
    }

    @Test
    void aLongRetryAfterParksAtOnceAndOpensTheDestinationsCircuit() throws Exception {
        script.add(new int[] {429, 60});
        NotifierSettings s = settings(6);
        s.maxBackoffMillis = 60_000;
        s.maxHoldMillis = 5_000;
        notifier = new Notifier(s);
        notifier.open((OpenContext) null);
        long start = System.currentTimeMillis();

        DeliveryStatus first = invoke(notifier, notification("webhook")).get(30, TimeUnit.SECONDS);
        Notification other = notification("webhook");
        other.notificationId = "det-2:webhook";
        DeliveryStatus second = invoke(notifier, other).get(30, TimeUnit.SECONDS);

        assertThat(first.status).isEqualTo(DeliveryStatus.PARKED);
        assertThat(first.reason).isEqualTo("parked:http_429");
        assertThat(first.parked.attemptsMade).isEqualTo(1);
        assertThat(first.parked.notBefore - start)
                .as("waits in keyed state for the receiver's Retry-After, not in the slot")
                .isBetween(59_000L, 61_000L);
        assertThat(second.status).isEqualTo(DeliveryStatus.PARKED);
        assertThat(second.reason)
                .as("the 429's Retry-After opened the destination's circuit")
                .isEqualTo("parked:circuit_open");
        assertThat(keys).hasSize(1);
        assertThat(System.currentTimeMillis() - start).isLessThan(5_000);
    }

    @Test
    void anOrgOverItsShareOfTheSlotsIsParkedWhileAnotherOrgIsSent() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // accepts connections (the backlog) and never answers: the attacker's slots stay held
            NotifierSettings s = settings(3);
            s.capacity = 8;
            s.orgSharePercent = 25; // two slots
            s.requestTimeoutMillis = 20_000;
            s.endpoints.put("teams", "http://127.0.0.1:" + silent.getLocalPort() + "/teams");
            s.allowedOrigins.add("http://127.0.0.1:" + silent.getLocalPort());
            notifier = new Notifier(s);
            notifier.open((OpenContext) null);
            List<CompletableFuture<DeliveryStatus>> attacker = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Notification n = notification("teams");
                n.orgId = "globex";
                n.notificationId = "g-" + i + ":teams";
                attacker.add(invoke(notifier, n));
            }
            DeliveryStatus third = attacker.get(2).get(30, TimeUnit.SECONDS);
            DeliveryStatus victim =
                    invoke(notifier, notification("webhook")).get(30, TimeUnit.SECONDS);

            assertThat(third.status).isEqualTo(DeliveryStatus.PARKED);
            assertThat(third.reason).isEqualTo("parked:" + FairShares.ORG_SHARE);
            assertThat(third.parked.attemptsMade).isZero();
            assertThat(victim.status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(attacker.subList(0, 2))
                    .as("the attacker's two slots are still held")
                    .noneMatch(CompletableFuture::isDone);
        }
    }

    @Test
    void theRetryLaneGoesOnWithTheAttemptsLeftAndNeverParks() throws Exception {
        script.add(new int[] {429, 1});
        NotifierSettings s = settings(4);
        s.maxHoldMillis = 10;
        Notification parked = notification("webhook").parked(2, 0);
        notifier = new Notifier(s, false);
        notifier.open((OpenContext) null);

        DeliveryStatus st = invoke(notifier, parked).get(30, TimeUnit.SECONDS);

        assertThat(st.status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(st.attempts).as("attempts 3 and 4 of the same budget of 4").isEqualTo(4);
        assertThat(keys).hasSize(2);
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCap() {
        NotifierSettings s = new NotifierSettings();
        assertThat(s.backoffMillis(1)).isEqualTo(2_000);
        assertThat(s.backoffMillis(2)).isEqualTo(4_000);
        assertThat(s.backoffMillis(5)).isEqualTo(32_000);
        assertThat(s.backoffMillis(7)).isEqualTo(60_000);
    }
}
