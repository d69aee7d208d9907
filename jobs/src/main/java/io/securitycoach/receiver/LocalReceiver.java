package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.securitycoach.schema.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The built-in notification receiver: accepts coaching messages on {@code POST /<channel>} (webhook,
 * slack, teams), answers, and records every request as a JSON line (path, idempotency key, whether
 * the key was seen before, the answer given, the body). It can be told to misbehave with a share of
 * 5xx answers and of 429s with Retry-After, to exercise the pipeline's retries.
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
    private final Random random;
    private final Map<String, AtomicInteger> acceptedByKey = new ConcurrentHashMap<>();
    private final List<JsonNode> accepted = Collections.synchronizedList(new ArrayList<>());

    private LocalReceiver(Builder b) throws IOException {
        this.failRate = b.failRate;
        this.throttleRate = b.throttleRate;
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
        this.executor = Executors.newFixedThreadPool(4, r -> {
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

    /** Bodies of the requests answered 2xx, in arrival order. */
    public List<JsonNode> accepted() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    /** How many times each idempotency key was accepted (more than 1 = a duplicate delivery). */
    public Map<String, Integer> acceptedCountsByKey() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        acceptedByKey.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"ok\":false,\"error\":\"POST only\"}");
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status;
            synchronized (random) {
                double roll = random.nextDouble();
                status = roll < failRate ? 503 : roll < failRate + throttleRate ? 429 : 200;
            }
            boolean duplicate = false;
            if (status == 200 && key != null) {
                duplicate = acceptedByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1;
            }
            JsonNode parsed = parse(body);
            if (status == 200) {
                accepted.add(parsed);
            }
            writeRecord(exchange.getRequestURI().getPath(), key, duplicate, status, parsed);
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            respond(exchange, status, status == 200 ? "{\"ok\":true}" : "{\"ok\":false,\"error\":\"injected " + status + "\"}");
        } finally {
            exchange.close();
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private void writeRecord(String path, String key, boolean duplicate, int status, JsonNode body) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("time", System.currentTimeMillis());
        line.put("path", path);
        line.put("idempotency_key", key);
        line.put("duplicate", duplicate);
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
        if (echo != null && status == 200) {
            JsonNode email = body.get("email");
            JsonNode msg = body.get("text");
            echo.accept("[receiver] " + path + " -> " + (email == null ? "?" : email.asText()) + ": "
                    + (msg == null ? "" : msg.asText()) + (duplicate ? " (duplicate key)" : ""));
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? java.util.Arrays.copyOf(bytes, MAX_BODY_BYTES) : bytes;
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
            if (failRate < 0 || throttleRate < 0 || failRate + throttleRate > 1) {
                throw new IllegalArgumentException("fail and throttle rates must be between 0 and 1 and add up to at most 1");
            }
            return new LocalReceiver(this);
        }
    }
}
