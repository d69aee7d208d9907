package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.channels.WebhookSignatures;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The built-in notification receiver. It speaks the subset of the APIs the job uses: Slack ({@code
 * GET /slack/api/users.lookupByEmail}, {@code POST /slack/api/chat.postMessage}, bot token
 * required), Teams ({@code POST /teams}, an Adaptive Card) and webhooks ({@code POST /webhook},
 * HMAC signature and timestamp window checked when it knows the secret, as a customer should:
 * {@link WebhookSignatures}). It honours {@code Idempotency-Key}: a repeated key is answered 200
 * but not shown again; for webhooks the key is the notification id inside the signed body, so a
 * replay with a fresh header is still a duplicate. Every request is recorded as a JSON line (path,
 * idempotency key, duplicate or not, the answer given, the body). It can be told to misbehave: a
 * share of 503s, of 429s with Retry-After, and of answers slower than the client's timeout. One
 * endpoint class per channel; fault injection, idempotency and the request log are their own
 * classes.
 */
public final class LocalReceiver implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs:
        // ~40 ms per answer. Read once by the JDK, so set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, ChannelEndpoint> endpoints;
    private final FaultInjection faults;
    private final IdempotencyLedger ledger = new IdempotencyLedger();
    private final RequestLog log;
    private final List<JsonNode> accepted = Collections.synchronizedList(new ArrayList<>());

    private LocalReceiver(Builder b) throws IOException {
        this.endpoints =
                Map.of(
                        "/slack",
                        new SlackEndpoint(),
                        "/teams",
                        new TeamsEndpoint(),
                        "/webhook",
                        new WebhookEndpoint(b.signingSecret, b.signatureWindow));
        this.faults =
                new FaultInjection(b.failRate, b.throttleRate, b.slowRate, b.slowMillis, b.seed);
        this.log = new RequestLog(b.recordFile, b.echo);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", b.port), 64);
        this.executor =
                Executors.newFixedThreadPool(
                        32,
                        r -> {
                            Thread t = new Thread(r, "receiver");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The messages shown (first delivery of each idempotency key), in arrival order, in one shape
     * per message.
     */
    public List<JsonNode> accepted() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    /**
     * How many times each idempotency key was delivered to us (more than 1 = the sender repeated
     * it; shown once).
     */
    public Map<String, Integer> acceptedCountsByKey() {
        return ledger.countsByKey();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = readBounded(exchange.getRequestBody());
            JsonNode parsed = parse(body);
            ChannelEndpoint endpoint = endpointFor(path);
            String header = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String key = endpoint == null ? header : endpoint.deduplicationKey(parsed, header);
            Answer answer = faults.next();
            if (answer == null) {
                answer =
                        endpoint == null ? Answer.NOT_FOUND : endpoint.answer(exchange, path, body);
            }
            boolean duplicate = answer.delivery && ledger.isRepeat(key);
            JsonNode shown = answer.delivery && !duplicate ? endpoint.shown(parsed) : null;
            if (shown != null) {
                accepted.add(shown);
            }
            log.write(path, key, duplicate, answer.status, parsed, shown);
            if (answer.status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            respond(exchange, answer.status, answer.body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /**
     * The channel whose path prefix the request has ({@code /slack}, {@code /teams}, {@code
     * /webhook}), or null.
     */
    private ChannelEndpoint endpointFor(String path) {
        for (Map.Entry<String, ChannelEndpoint> e : endpoints.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper()
                    .getNodeFactory()
                    .textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? Arrays.copyOf(bytes, MAX_BODY_BYTES) : bytes;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        log.close();
    }

    /** Options of the receiver; port 0 picks a free port. */
    public static final class Builder {
        private int port;
        private Path recordFile;
        private double failRate;
        private double throttleRate;
        private double slowRate;
        private long slowMillis = 15_000;
        private String signingSecret;
        private Duration signatureWindow = WebhookSignatures.DEFAULT_WINDOW;
        private long seed = 42;
        private Consumer<String> echo;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder record(Path file) {
            this.recordFile = file;
            return this;
        }

        public Builder failRate(double rate) {
            this.failRate = rate;
            return this;
        }

        public Builder throttleRate(double rate) {
            this.throttleRate = rate;
            return this;
        }

        /** Share of answers held back for {@link #slowMillis} (past the client's timeout). */
        public Builder slowRate(double rate) {
            this.slowRate = rate;
            return this;
        }

        public Builder slowMillis(long millis) {
            this.slowMillis = millis;
            return this;
        }

        /** Check webhook signatures with this secret (401 when wrong). */
        public Builder signingSecret(String secret) {
            this.signingSecret = secret;
            return this;
        }

        /** How far a webhook's timestamp may be from now (default 5 minutes). */
        public Builder signatureWindow(Duration window) {
            this.signatureWindow = window;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Prints a line per accepted message. */
        public Builder echo(Consumer<String> echo) {
            this.echo = echo;
            return this;
        }

        public LocalReceiver start() throws IOException {
            if (failRate < 0
                    || throttleRate < 0
                    || failRate + throttleRate > 1
                    || slowRate < 0
                    || slowRate > 1) {
                throw new IllegalArgumentException(
                        "rates must be between 0 and 1, and fail + throttle at most 1");
            }
            return new LocalReceiver(this);
        }
    }
}
