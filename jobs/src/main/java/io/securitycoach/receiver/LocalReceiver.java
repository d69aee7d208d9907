package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.securitycoach.notify.InertText;
import io.securitycoach.notify.channels.WebhookSignatures;
import io.securitycoach.rules.ChannelName;
import io.securitycoach.schema.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The built-in notification receiver. It speaks the subset of the APIs the job uses:
 * Slack ({@code GET /slack/api/users.lookupByEmail}, {@code POST /slack/api/chat.postMessage}, bot
 * token required), Teams ({@code POST /teams}, an Adaptive Card) and webhooks ({@code POST /webhook},
 * HMAC signature and timestamp window checked when it knows the secret, as a customer should:
 * {@link WebhookSignatures}). It honours {@code Idempotency-Key}: a repeated key is answered 200 but
 * not shown again; for webhooks the key is the notification id inside the signed body, so a replay
 * with a fresh header is still a duplicate. Every request is recorded as a JSON line (path,
 * idempotency key, duplicate or not, the answer given, the body). It can be told to misbehave: a
 * share of 503s, of 429s with Retry-After, and of answers slower than the client's timeout.
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
    private final BufferedWriter record;
    private final Consumer<String> echo;
    private final double failRate;
    private final double throttleRate;
    private final double slowRate;
    private final long slowMillis;
    private final String signingSecret;
    private final Duration signatureWindow;
    private final Random random;
    private final Map<String, AtomicInteger> acceptedByKey = new ConcurrentHashMap<>();
    /** Slack user ids this receiver handed out, back to emails, so shown Slack messages name the person. */
    private final Map<String, String> slackEmails = new ConcurrentHashMap<>();
    private final List<JsonNode> accepted = Collections.synchronizedList(new ArrayList<>());

    private LocalReceiver(Builder b) throws IOException {
        this.failRate = b.failRate;
        this.throttleRate = b.throttleRate;
        this.slowRate = b.slowRate;
        this.slowMillis = b.slowMillis;
        this.signingSecret = b.signingSecret;
        this.signatureWindow = b.signatureWindow;
        this.random = new Random(b.seed);
        this.echo = b.echo;
        if (b.recordFile != null) {
            Path parent = b.recordFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.record = Files.newBufferedWriter(b.recordFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            this.record = null;
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", b.port), 64);
        this.executor = Executors.newFixedThreadPool(32, r -> {
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

    /** The messages shown (first delivery of each idempotency key), in arrival order, in one shape per message. */
    public List<JsonNode> accepted() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    /** How many times each idempotency key was delivered to us (more than 1 = the sender repeated it; shown once). */
    public Map<String, Integer> acceptedCountsByKey() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        acceptedByKey.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = readBounded(exchange.getRequestBody());
            JsonNode parsed = parse(body);
            String key = deduplicationKey(path, parsed, exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            Answer answer = injectedFailure();
            if (answer == null) {
                answer = answer(exchange, path, body);
            }
            boolean duplicate = false;
            if (answer.delivery) {
                duplicate = key != null
                        && acceptedByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1;
                if (!duplicate) {
                    accepted.add(shown(path, parsed));
                }
            }
            writeRecord(path, key, duplicate, answer.status, parsed, answer.delivery && !duplicate);
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

    /** What the receiver answers: status, body, and whether the request delivered a message. */
    private static final class Answer {
        final int status;
        final String body;
        final boolean delivery;

        Answer(int status, String body, boolean delivery) {
            this.status = status;
            this.body = body;
            this.delivery = delivery;
        }
    }

    /** A 503 or 429 in the configured shares, or null; a share of the rest answered late. */
    private Answer injectedFailure() throws InterruptedException {
        int status;
        boolean slow;
        synchronized (random) {
            double roll = random.nextDouble();
            status = roll < failRate ? 503 : roll < failRate + throttleRate ? 429 : 200;
            slow = status == 200 && random.nextDouble() < slowRate;
        }
        if (slow) {
            Thread.sleep(slowMillis); // past the client's timeout: it will retry, with the same key
        }
        return status == 200 ? null : new Answer(status, "{\"ok\":false,\"error\":\"injected " + status + "\"}", false);
    }

    private Answer answer(HttpExchange exchange, String path, byte[] body) {
        boolean post = "POST".equals(exchange.getRequestMethod());
        if (path.equals("/slack/api/users.lookupByEmail") && "GET".equals(exchange.getRequestMethod())) {
            return new Answer(200, lookupByEmail(exchange), false);
        }
        if (path.equals("/slack/api/chat.postMessage") && post) {
            boolean delivery = authorized(exchange);
            return new Answer(200, delivery ? "{\"ok\":true,\"ts\":\"" + System.currentTimeMillis() / 1000.0 + "\"}"
                    : "{\"ok\":false,\"error\":\"invalid_auth\"}", delivery);
        }
        if ((path.startsWith("/teams") || path.startsWith("/webhook")) && post) {
            String refused = path.startsWith("/webhook") ? signatureProblem(exchange, body) : null;
            if (refused != null) {
                return new Answer(401, Json.write(Map.of("ok", false, "error", refused)), false);
            }
            return new Answer(200, path.startsWith("/teams") ? "1" : "{\"ok\":true}", true);
        }
        return new Answer(404, "{\"ok\":false,\"error\":\"not found\"}", false);
    }

    private String lookupByEmail(HttpExchange exchange) {
        if (!authorized(exchange)) {
            return "{\"ok\":false,\"error\":\"invalid_auth\"}";
        }
        String query = exchange.getRequestURI().getQuery();
        String email = query == null ? ""
                : URLDecoder.decode(query.replaceFirst("^email=", ""), StandardCharsets.UTF_8);
        return email.isBlank() || email.startsWith("unknown") ? "{\"ok\":false,\"error\":\"users_not_found\"}"
                : "{\"ok\":true,\"user\":{\"id\":\"" + slackUser(email) + "\"}}";
    }

    private String slackUser(String email) {
        String id = "U" + Integer.toHexString(email.hashCode()).toUpperCase(Locale.ROOT);
        slackEmails.put(id, email);
        return id;
    }

    private static boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") && auth.length() > 7;
    }

    /**
     * Webhooks: the notification id in the signed body (plus the status, for status webhook posts),
     * since the Idempotency-Key header is not signed; other channels: the header.
     */
    private static String deduplicationKey(String path, JsonNode body, String header) {
        if (!path.startsWith("/webhook") || !body.hasNonNull("notification_id")) {
            return header;
        }
        String id = body.get("notification_id").asText();
        return body.hasNonNull("status") ? id + ":" + body.get("status").asText() : id;
    }

    /** Null when the webhook is authentic and fresh (or no secret is known), else why not. */
    private String signatureProblem(HttpExchange exchange, byte[] body) {
        if (signingSecret == null) {
            return null;
        }
        return WebhookSignatures.problem(signingSecret,
                exchange.getRequestHeaders().getFirst(WebhookSignatures.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignatures.SIGNATURE_HEADER),
                new String(body, StandardCharsets.UTF_8), System.currentTimeMillis() / 1000, signatureWindow);
    }

    /** The message as the employee would see it, in one shape for all channels: channel, email, text, ids. */
    private JsonNode shown(String path, JsonNode body) {
        ObjectNode m = Json.mapper().createObjectNode();
        String channel = (path.startsWith("/slack") ? ChannelName.SLACK : path.startsWith("/teams") ? ChannelName.TEAMS : ChannelName.WEBHOOK).id();
        m.put("channel", channel);
        if (ChannelName.SLACK.is(channel)) {
            m.put("slack_user", body.path("channel").asText());
            m.put("email", slackEmails.getOrDefault(body.path("channel").asText(), "?"));
            m.put("text", body.path("text").asText());
            m.put("notification_id", body.at("/metadata/event_payload/notification_id").asText());
        } else if (ChannelName.TEAMS.is(channel)) {
            m.put("email", body.path("email").asText());
            m.put("text", body.at("/attachments/0/content/body/1/inlines/0/text").asText());
            m.put("notification_id", body.path("notification_id").asText());
        } else if (body.isObject()) {
            m.setAll((ObjectNode) body);
        } else {
            m.set("body", body);
        }
        return m;
    }

    private JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private void writeRecord(String path, String key, boolean duplicate, int status, JsonNode body, boolean shown) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("time", System.currentTimeMillis());
        line.put("path", path);
        line.put("idempotency_key", key);
        line.put("duplicate", duplicate);
        line.put("shown", shown);
        line.put("status", status);
        line.set("body", body);
        String text = Json.write(line);
        if (record != null) {
            synchronized (record) {
                record.write(text);
                record.newLine();
                record.flush();
            }
        }
        if (echo != null && shown) {
            JsonNode s = shown(path, body);
            String who = s.hasNonNull("email") ? s.get("email").asText() : s.path("slack_user").asText("?");
            // Vendor text reaches a terminal here: no escape sequences, no bidi overrides.
            echo.accept(InertText.printable("[receiver] " + s.get("channel").asText() + " -> " + who + ": "
                    + s.path("text").asText()));
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
        if (record != null) {
            synchronized (record) {
                record.close();
            }
        }
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
            if (failRate < 0 || throttleRate < 0 || failRate + throttleRate > 1 || slowRate < 0 || slowRate > 1) {
                throw new IllegalArgumentException("rates must be between 0 and 1, and fail + throttle at most 1");
            }
            return new LocalReceiver(this);
        }
    }
}
