package io.securitycoach.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side every vendor stand-in shares: a server on 127.0.0.1 (a free port unless given), a
 * few threads so a slow page does not hold the others, and small helpers to read a request and
 * answer it.
 */
abstract class StandInServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    protected final StandInFaults faults = new StandInFaults();
    private final AtomicLong requestsServed = new AtomicLong();

    protected StandInServer(String name, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        executor =
                Executors.newFixedThreadPool(
                        8,
                        r -> {
                            Thread t = new Thread(r, name);
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handleSafely);
        server.start();
    }

    /** The scripted failures of the next requests (429 or 5xx bursts, slow pages). */
    public StandInFaults faults() {
        return faults;
    }

    /** Every request answered so far (tokens, pages, refusals), for load runs. */
    public long requestsServed() {
        return requestsServed.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    protected abstract void handle(HttpExchange exchange) throws IOException;

    private void handleSafely(HttpExchange exchange) {
        requestsServed.incrementAndGet();
        try {
            handle(exchange);
        } catch (IOException | RuntimeException e) {
            // the client went away mid-answer; the stand-in carries on
        } finally {
            exchange.close();
        }
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(key), decode(value));
        }
        return params;
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The request's form body ({@code application/x-www-form-urlencoded}), decoded. */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body(exchange).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    /** Bodies read up to 1 MiB: CrowdStrike's entities lookup of 1,000 composite ids is ~70 KB. */
    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
        }
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Plays the next scripted fault: a slow one waits here (then the request is answered as usual);
     * one with a status is returned for the caller to answer; none returns null.
     */
    protected StandInFaults.Fault statusFault() {
        StandInFaults.Fault f = faults.next();
        if (f == null || f.slowMillis <= 0) {
            return f;
        }
        try {
            Thread.sleep(f.slowMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Plays the next scripted fault, if any: true when it answered the request itself. */
    protected boolean fault(HttpExchange exchange) throws IOException {
        StandInFaults.Fault f = statusFault();
        if (f == null) {
            return false;
        }
        if (f.status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        send(exchange, f.status, "{\"error\": \"scripted " + f.status + "\"}");
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
