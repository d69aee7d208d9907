package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Netskope tenant's REST API v2 data export ("iterator") endpoints, as documented: {@code
 * GET /api/v2/events/dataexport/{alerts|events}/{type}?index=...&operation=...} with the token in
 * {@code Netskope-Api-Token}. The position of each (stream, index) is kept here, server-side:
 * {@code <epoch seconds>} positions it at the first record at or after that time and serves a page,
 * {@code head} at the first record kept, {@code tail} after the last one, {@code next} serves the
 * page after the last one served and moves the index, {@code resend} serves the last page again.
 * Answers are {@code {"ok": 1, "result": [...], "wait_time": N, "timestamp_hwm": T}}; a caught up
 * index is told to wait. {@code Ratelimit-Limit/-Remaining/-Reset} on every answer, 429 once the
 * token's window is spent; 409 when a request arrives on an index another request is still using;
 * 401 for an unknown token, 403 for a stream the token is not granted. Records are served in the
 * order they were stored (late ones after those stored before them). Scripted faults ({@link
 * #faults()}) add 5xx and 429 bursts and slow pages (answered late, after the index moved).
 */
public final class NetskopeStandIn extends StandInServer {
    private static final Pattern PATH =
            Pattern.compile("/api/v2/events/dataexport/(alerts|events)/([a-z]+)");

    private final RateWindow rateWindow;
    private final int pageSize;
    private final int waitSeconds;
    private final Set<String> granted;

    private String token;
    private final Map<String, List<String>> streams = new HashMap<>();
    private final Map<String, int[]> indexes = new HashMap<>(); // position, last from, last to
    private final Set<String> inUse = new HashSet<>();
    private final List<String> served = new ArrayList<>();
    private final Map<String, Integer> operations = new HashMap<>();
    private int refused;

    private NetskopeStandIn(Builder b) throws IOException {
        super("netskope-stand-in", b.port);
        this.token = b.token;
        this.rateWindow = new RateWindow(b.rateLimit, b.windowMillis);
        this.pageSize = b.pageSize;
        this.waitSeconds = b.waitSeconds;
        this.granted = b.granted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stores records of a stream ({@code alerts/dlp}), after those stored before. */
    public synchronized NetskopeStandIn store(String stream, List<String> records) {
        streams.computeIfAbsent(stream, k -> new ArrayList<>()).addAll(records);
        return this;
    }

    /** Stores every stream's records. */
    public NetskopeStandIn store(Map<String, List<String>> byStream) {
        byStream.forEach(this::store);
        return this;
    }

    /** The {@code _id} of every record served, in the order served (resent ones again). */
    public synchronized List<String> served() {
        return new ArrayList<>(served);
    }

    /** How many requests asked for this operation ({@code next}, {@code resend}, an epoch). */
    public synchronized int operations(String operation) {
        return operations.getOrDefault(operation, 0);
    }

    /** How many requests were refused for their token (401). */
    public synchronized int refused() {
        return refused;
    }

    /** From now on only this token is accepted (the one before is revoked). */
    public synchronized void rotateToken(String newToken) {
        this.token = newToken;
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!m.matches() || !"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 404, error("not found"));
            return;
        }
        String stream = m.group(1) + "/" + m.group(2);
        if (!tokenAccepted(exchange.getRequestHeaders().getFirst("Netskope-Api-Token"))) {
            send(exchange, 401, error("Invalid or expired token"));
            return;
        }
        if (!granted.isEmpty() && !granted.contains(stream)) {
            send(exchange, 403, error("The token is not granted this endpoint"));
            return;
        }
        if (!withinRateLimit(exchange)) {
            send(exchange, 429, error("Too many requests"));
            return;
        }
        Map<String, String> q = query(exchange);
        String index = q.getOrDefault("index", "");
        String key = stream + "?" + index;
        if (index.isEmpty() || !claim(key)) {
            send(exchange, 409, error("Concurrent requests on one index are not supported"));
            return;
        }
        try {
            if (!fault(exchange)) { // a slow page holds its index: a retry meanwhile gets 409
                answer(exchange, stream, key, q.getOrDefault("operation", ""));
            }
        } finally {
            release(key);
        }
    }

    private void answer(HttpExchange exchange, String stream, String key, String operation)
            throws IOException {
        List<String> page;
        long hwm;
        synchronized (this) {
            operations.merge(operation.matches("[0-9]+") ? "epoch" : operation, 1, Integer::sum);
            int[] it = move(stream, key, operation);
            if (it == null) {
                page = null;
                hwm = 0;
            } else {
                List<String> records = streams.getOrDefault(stream, List.of());
                page = new ArrayList<>(records.subList(it[1], it[2]));
                page.forEach(r -> served.add(read(r).path("_id").asText()));
                hwm =
                        page.isEmpty()
                                ? 0
                                : read(page.get(page.size() - 1)).path("timestamp").asLong();
            }
        }
        if (page == null) {
            send(exchange, 400, error("Unknown operation or index not initialized"));
            return;
        }
        int wait = page.isEmpty() ? waitSeconds : 0;
        send(
                exchange,
                200,
                "{\"ok\": 1, \"result\": ["
                        + String.join(",", page)
                        + "], \"wait_time\": "
                        + wait
                        + ", \"timestamp_hwm\": "
                        + hwm
                        + "}");
    }

    /**
     * Applies the operation to the index: its position, and the page to serve as [from, to); null
     * for an operation it cannot do.
     */
    private int[] move(String stream, String key, String operation) {
        List<String> records = streams.getOrDefault(stream, List.of());
        int[] it = indexes.get(key);
        int from;
        if ("resend".equals(operation)) {
            return it != null ? it : new int[] {0, 0, 0};
        } else if ("next".equals(operation)) {
            if (it == null) {
                return null;
            }
            from = it[0];
        } else if ("head".equals(operation)) {
            from = 0;
        } else if ("tail".equals(operation)) {
            from = records.size();
        } else if (operation.matches("[0-9]{1,12}")) {
            from = firstAtOrAfter(records, Long.parseLong(operation));
        } else {
            return null;
        }
        int to = Math.min(records.size(), from + pageSize);
        int[] moved = {to, from, to};
        indexes.put(key, moved);
        return moved;
    }

    private static int firstAtOrAfter(List<String> records, long epochSeconds) {
        for (int i = 0; i < records.size(); i++) {
            if (read(records.get(i)).path("timestamp").asLong() >= epochSeconds) {
                return i;
            }
        }
        return records.size();
    }

    private synchronized boolean claim(String key) {
        return inUse.add(key);
    }

    private synchronized void release(String key) {
        inUse.remove(key);
    }

    private synchronized boolean tokenAccepted(String given) {
        boolean accepted = given != null && given.equals(token);
        if (!accepted) {
            refused++;
        }
        return accepted;
    }

    /** A fixed window per token; the headers say what is left and in how many seconds it resets. */
    private synchronized boolean withinRateLimit(HttpExchange exchange) {
        long now = System.currentTimeMillis();
        boolean allowed = rateWindow.take(now);
        exchange.getResponseHeaders().set("Ratelimit-Limit", String.valueOf(rateWindow.limit()));
        exchange.getResponseHeaders()
                .set("Ratelimit-Remaining", String.valueOf(rateWindow.remaining()));
        exchange.getResponseHeaders()
                .set("Ratelimit-Reset", String.valueOf(rateWindow.secondsToReset(now)));
        return allowed;
    }

    private static JsonNode read(String record) {
        try {
            return Json.mapper().readTree(record);
        } catch (IOException e) {
            throw new IllegalStateException("stand-in record is not JSON", e);
        }
    }

    private static String error(String message) {
        return "{\"ok\": 0, \"error\": \"" + message + "\"}";
    }

    /** How the stand-in authenticates, limits and pages. */
    public static final class Builder {
        private int port;
        private String token;
        private int rateLimit = 4;
        private long windowMillis = 1000;
        private int pageSize = 50;
        private int waitSeconds = 1;
        private final Set<String> granted = new HashSet<>();

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Accepts {@code Netskope-Api-Token: <token>}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** At most {@code requests} per window of {@code windowMillis} (Netskope: 4 a second). */
        public Builder rateLimit(int requests, long windowMillis) {
            this.rateLimit = requests;
            this.windowMillis = windowMillis;
            return this;
        }

        /** Records per page (Netskope's own pages hold up to 10,000). */
        public Builder pageSize(int records) {
            this.pageSize = records;
            return this;
        }

        /** The {@code wait_time} a caught up index is told (seconds). */
        public Builder waitTime(int seconds) {
            this.waitSeconds = seconds;
            return this;
        }

        /** The token reads only these streams (all when none are named). */
        public Builder grant(String... streams) {
            granted.addAll(List.of(streams));
            return this;
        }

        public NetskopeStandIn start() throws IOException {
            return new NetskopeStandIn(this);
        }
    }
}
