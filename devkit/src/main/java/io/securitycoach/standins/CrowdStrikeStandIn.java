package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A local CrowdStrike Falcon API for the Alerts API v2, as documented: OAuth2 tokens from {@code
 * POST /oauth2/token} (the API client's id and secret in the form; 201 with {@code expires_in})
 * that expire; {@code GET /alerts/queries/alerts/v2} with {@code filter=updated_timestamp:>='...'}
 * (or {@code >}), {@code sort=updated_timestamp.asc}, {@code limit} and {@code offset} (offset plus
 * limit at most 10,000), answering composite ids with {@code meta.pagination}; {@code POST
 * /alerts/entities/alerts/v2} with {@code composite_ids} (at most 1,000) answering the alerts.
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining} on every answer, and 429 with {@code
 * X-RateLimit-RetryAfter} (epoch seconds) once a window is spent. Alerts can be updated (same
 * {@code composite_id}, newer {@code updated_timestamp}) or reach the search index late (an {@code
 * updated_timestamp} before alerts already served). Scripted faults ({@link #faults()}) add 429 and
 * 5xx bursts and slow pages.
 */
public final class CrowdStrikeStandIn extends StandInServer {
    static final String QUERIES = "/alerts/queries/alerts/v2";
    static final String ENTITIES = "/alerts/entities/alerts/v2";
    private static final int MAX_WINDOW = 10_000;
    private static final int MAX_IDS = 1000;

    private final String clientId;
    private final String clientSecret;
    private final AccessTokens tokens;
    private final RateWindow rateWindow;
    private final Map<String, ObjectNode> alerts = new LinkedHashMap<>();
    private final List<String> served = new ArrayList<>();

    private CrowdStrikeStandIn(Builder b) throws IOException {
        super("crowdstrike-stand-in", b.port);
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.tokens = new AccessTokens("falcon-", b.tokenLifetimeSeconds);
        this.rateWindow = new RateWindow(b.rateLimit, b.windowMillis);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stores alerts (Alerts v2 entities); one with a known composite id replaces that alert. */
    public synchronized CrowdStrikeStandIn store(List<String> alertJson) throws IOException {
        for (String a : alertJson) {
            ObjectNode alert = (ObjectNode) Json.mapper().readTree(a);
            alerts.put(alert.path("composite_id").asText(), alert);
        }
        return this;
    }

    /** A new version of the alert: updated now, with the given status. */
    public synchronized void update(String compositeId, String status) {
        ObjectNode a = alerts.get(compositeId);
        a.put("status", status);
        a.put("updated_timestamp", Instant.now().toString());
    }

    /**
     * An alert that reaches the search index only now, updated at {@code updatedAt}: before alerts
     * already served, as Falcon's eventually consistent search can show them.
     */
    public synchronized void publishLate(String alertJson, Instant updatedAt) throws IOException {
        ObjectNode a = (ObjectNode) Json.mapper().readTree(alertJson);
        a.put("timestamp", updatedAt.toString());
        a.put("created_timestamp", updatedAt.toString());
        a.put("updated_timestamp", updatedAt.toString());
        alerts.put(a.path("composite_id").asText(), a);
    }

    /** Every alert version served by the entities lookup, as {@code composite_id@updated}. */
    public synchronized List<String> served() {
        return new ArrayList<>(served);
    }

    /** Every alert version stored now, as {@code composite_id@updated}. */
    public synchronized List<String> versions() {
        return alerts.values().stream()
                .map(CrowdStrikeStandIn::version)
                .collect(Collectors.toList());
    }

    /** Every access token issued so far stops working. */
    public synchronized void expireTokens() {
        tokens.expireAll();
    }

    static String version(JsonNode a) {
        return a.path("composite_id").asText() + "@" + a.path("updated_timestamp").asText();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("/oauth2/token".equals(path) && "POST".equals(method)) {
            token(exchange);
        } else if (QUERIES.equals(path) && "GET".equals(method)) {
            data(exchange, true);
        } else if (ENTITIES.equals(path) && "POST".equals(method)) {
            data(exchange, false);
        } else {
            send(exchange, 404, errors(404, "Not Found"));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (!clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            send(exchange, 403, errors(403, "Failed to issue access token - Not Authorized"));
            return;
        }
        String token = tokens.issue();
        send(
                exchange,
                201,
                "{\"access_token\": \""
                        + token
                        + "\", \"token_type\": \"bearer\", \"expires_in\": "
                        + tokens.lifetimeSeconds()
                        + "}");
    }

    private void data(HttpExchange exchange, boolean query) throws IOException {
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, errors(401, "access denied, invalid bearer token"));
            return;
        }
        if (!withinRateLimit(exchange)) {
            send(exchange, 429, errors(429, "API rate limit exceeded."));
            return;
        }
        if (falconFault(exchange)) {
            return;
        }
        if (query) {
            queryIds(exchange);
        } else {
            entities(exchange);
        }
    }

    private void queryIds(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange);
        int limit = intOr(q.get("limit"), 100);
        int offset = intOr(q.get("offset"), 0);
        long[] from = since(q.get("filter"));
        if (limit < 1 || offset < 0 || offset + limit > MAX_WINDOW || from == null) {
            send(exchange, 400, errors(400, "invalid filter, limit or offset"));
            return;
        }
        if (!"updated_timestamp.asc".equals(q.get("sort"))) {
            send(exchange, 400, errors(400, "the stand-in sorts by updated_timestamp.asc only"));
            return;
        }
        List<String> matching;
        synchronized (this) {
            matching =
                    alerts.values().stream()
                            .filter(a -> time(a) > from[0] || from[1] == 1 && time(a) == from[0])
                            .sorted((a, b) -> Long.compare(time(a), time(b)))
                            .map(a -> a.path("composite_id").asText())
                            .collect(Collectors.toList());
        }
        ObjectNode body = envelope();
        ((ObjectNode) body.get("meta"))
                .putObject("pagination")
                .put("offset", offset)
                .put("limit", limit)
                .put("total", matching.size());
        ArrayNode ids = body.putArray("resources");
        matching.subList(
                        Math.min(offset, matching.size()),
                        Math.min(offset + limit, matching.size()))
                .forEach(ids::add);
        send(exchange, 200, body.toString());
    }

    /**
     * The filter's time and whether it is inclusive: {@code updated_timestamp:>='T'} or {@code >},
     * or null when the filter is none of these.
     */
    static long[] since(String filter) {
        if (filter == null || !filter.startsWith("updated_timestamp:>") || !filter.endsWith("'")) {
            return null;
        }
        boolean inclusive = filter.startsWith("updated_timestamp:>=");
        String value = filter.substring(filter.indexOf('\'') + 1, filter.length() - 1);
        try {
            return new long[] {Instant.parse(value).toEpochMilli(), inclusive ? 1 : 0};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void entities(HttpExchange exchange) throws IOException {
        JsonNode ids;
        try {
            ids = Json.mapper().readTree(body(exchange)).path("composite_ids");
        } catch (IOException e) {
            ids = null;
        }
        if (ids == null || !ids.isArray() || ids.size() == 0 || ids.size() > MAX_IDS) {
            send(exchange, 400, errors(400, "composite_ids: 1 to " + MAX_IDS + " ids"));
            return;
        }
        ObjectNode body = envelope();
        ArrayNode resources = body.putArray("resources");
        synchronized (this) {
            for (JsonNode id : ids) {
                ObjectNode a = alerts.get(id.asText());
                if (a != null) {
                    resources.add(a.deepCopy());
                    served.add(version(a));
                }
            }
        }
        send(exchange, resources.size() == ids.size() ? 200 : 404, body.toString());
    }

    private static ObjectNode envelope() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("meta")
                .put("query_time", 0.004)
                .put("powered_by", "crowdstrike-stand-in")
                .put("trace_id", UUID.randomUUID().toString());
        body.putArray("errors");
        return body;
    }

    /** A scripted fault with CrowdStrike's headers: a 429 says when to retry in epoch seconds. */
    private boolean falconFault(HttpExchange exchange) throws IOException {
        StandInFaults.Fault f = statusFault();
        if (f == null) {
            return false;
        }
        if (f.status == 429) {
            exchange.getResponseHeaders()
                    .set(
                            "X-RateLimit-RetryAfter",
                            String.valueOf(System.currentTimeMillis() / 1000 + 1));
        }
        send(exchange, f.status, errors(f.status, "scripted " + f.status));
        return true;
    }

    /** A fixed window of {@code rateLimit} requests; 429 says when the next window starts. */
    private synchronized boolean withinRateLimit(HttpExchange exchange) {
        boolean allowed = rateWindow.take(System.currentTimeMillis());
        exchange.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(rateWindow.limit()));
        exchange.getResponseHeaders()
                .set("X-RateLimit-Remaining", String.valueOf(rateWindow.remaining()));
        if (!allowed) {
            exchange.getResponseHeaders()
                    .set("X-RateLimit-RetryAfter", String.valueOf(rateWindow.resetEpochSecond()));
        }
        return allowed;
    }

    private static long time(JsonNode a) {
        return Instant.parse(a.path("updated_timestamp").asText()).toEpochMilli();
    }

    private static int intOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String errors(int code, String message) {
        return "{\"meta\": {\"powered_by\": \"crowdstrike-stand-in\"}, \"resources\": null,"
                + " \"errors\": [{\"code\": "
                + code
                + ", \"message\": \""
                + message
                + "\"}]}";
    }

    /** How the stand-in authenticates and limits. */
    public static final class Builder {
        private int port;
        private String clientId = "falcon-client";
        private String clientSecret = "falcon-secret";
        private long tokenLifetimeSeconds = 1799;
        private int rateLimit = 100;
        private long windowMillis = 60_000;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Issues tokens to this API client, living {@code lifetimeSeconds}. */
        public Builder apiClient(String id, String secret, long lifetimeSeconds) {
            this.clientId = id;
            this.clientSecret = secret;
            this.tokenLifetimeSeconds = lifetimeSeconds;
            return this;
        }

        /** At most {@code requests} alerts requests per window of {@code windowMillis}. */
        public Builder rateLimit(int requests, long windowMillis) {
            this.rateLimit = requests;
            this.windowMillis = windowMillis;
            return this;
        }

        public CrowdStrikeStandIn start() throws IOException {
            return new CrowdStrikeStandIn(this);
        }
    }
}
