package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A local Okta org's System Log API, as documented: {@code GET /api/v1/logs} with {@code since},
 * {@code limit} and {@code after}, a {@code Link} header with {@code rel="self"} and, in a polling
 * query (no {@code until}), always {@code rel="next"}; {@code SSWS} API tokens and OAuth 2.0 access
 * tokens from {@code POST /oauth2/v1/token} (client credentials, scope {@code okta.logs.read}, the
 * service app authenticated by a client assertion signed with its registered key) that expire;
 * {@code X-Rate-Limit-Limit/-Remaining/-Reset} on every answer and 429 once a window is spent.
 * Events are kept in the order Okta stored them; one "published late" carries an earlier {@code
 * published} time than those stored before it, as Okta's eventually consistent log does. Scripted
 * faults ({@link #faults()}) add 429 and 5xx bursts and slow pages.
 */
public final class OktaStandIn extends StandInServer {
    private final String apiToken;
    private final OktaClientAssertionCheck serviceApp;
    private final AccessTokens accessTokens;
    private final RateWindow rateWindow;

    private final List<String> events = new ArrayList<>();
    private final List<String> served = new ArrayList<>();

    private OktaStandIn(Builder b) throws IOException {
        super("okta-stand-in", b.port);
        this.apiToken = b.apiToken;
        this.serviceApp =
                b.clientId == null ? null : new OktaClientAssertionCheck(b.clientId, b.publicKey);
        this.accessTokens = new AccessTokens("stand-in-", b.tokenLifetimeSeconds);
        this.rateWindow = new RateWindow(b.rateLimit, b.windowMillis);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stores events (System Log JSON objects), in this order, after those stored before. */
    public synchronized OktaStandIn store(List<String> logEvents) {
        events.addAll(logEvents);
        return this;
    }

    /** The uuid of every event served, in the order served (a repeat would show twice). */
    public synchronized List<String> served() {
        return new ArrayList<>(served);
    }

    public synchronized int stored() {
        return events.size();
    }

    /** Every access token issued so far stops working (the client must ask for a new one). */
    public synchronized void expireTokens() {
        accessTokens.expireAll();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("/oauth2/v1/token".equals(path) && "POST".equals(exchange.getRequestMethod())) {
            token(exchange);
        } else if ("/api/v1/logs".equals(path) && "GET".equals(exchange.getRequestMethod())) {
            logs(exchange);
        } else {
            send(
                    exchange,
                    404,
                    error("E0000022", "The endpoint does not support the provided HTTP method"));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String problem =
                serviceApp == null
                        ? "no service app"
                        : serviceApp.problem(
                                form, baseUrl() + "/oauth2/v1/token", System.currentTimeMillis());
        if (problem != null) {
            send(
                    exchange,
                    401,
                    "{\"error\": \"invalid_client\", \"error_description\": \"" + problem + "\"}");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))
                || !String.valueOf(form.get("scope")).contains("okta.logs.read")) {
            send(exchange, 400, "{\"error\": \"invalid_scope\"}");
            return;
        }
        String token = accessTokens.issue();
        send(
                exchange,
                200,
                "{\"token_type\": \"Bearer\", \"expires_in\": "
                        + accessTokens.lifetimeSeconds()
                        + ", \"access_token\": \""
                        + token
                        + "\", \"scope\": \"okta.logs.read\"}");
    }

    private void logs(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, error("E0000011", "Invalid token provided"));
            return;
        }
        if (!withinRateLimit(exchange)) {
            send(
                    exchange,
                    429,
                    error("E0000047", "API call exceeded rate limit due to too many requests."));
            return;
        }
        if (fault(exchange)) {
            return;
        }
        Map<String, String> q = query(exchange);
        int limit = Math.max(1, Math.min(1000, intOr(q.get("limit"), 100)));
        int from;
        try {
            from =
                    q.containsKey("after")
                            ? decodeAfter(q.get("after"))
                            : firstStoredSince(q.get("since"));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error("E0000031", "Invalid after cursor"));
            return;
        }
        page(exchange, from, limit);
    }

    private void page(HttpExchange exchange, int from, int limit) throws IOException {
        List<String> page = new ArrayList<>();
        int to;
        synchronized (this) {
            to = Math.min(events.size(), from + limit);
            for (int i = from; i < to; i++) {
                page.add(events.get(i));
                served.add(uuid(events.get(i)));
            }
        }
        String self = baseUrl() + "/api/v1/logs?limit=" + limit + "&after=" + encodeAfter(from);
        String next = baseUrl() + "/api/v1/logs?limit=" + limit + "&after=" + encodeAfter(to);
        exchange.getResponseHeaders().add("Link", "<" + self + ">; rel=\"self\"");
        exchange.getResponseHeaders().add("Link", "<" + next + ">; rel=\"next\"");
        send(exchange, 200, "[" + String.join(",", page) + "]");
    }

    private boolean authorized(String header) {
        return (apiToken != null && ("SSWS " + apiToken).equals(header))
                || accessTokens.accepts(header);
    }

    /**
     * A fixed window of {@code rateLimit} requests; the headers say what is left and when it
     * resets.
     */
    private synchronized boolean withinRateLimit(HttpExchange exchange) {
        boolean allowed = rateWindow.take(System.currentTimeMillis());
        exchange.getResponseHeaders().set("X-Rate-Limit-Limit", String.valueOf(rateWindow.limit()));
        exchange.getResponseHeaders()
                .set("X-Rate-Limit-Remaining", String.valueOf(rateWindow.remaining()));
        exchange.getResponseHeaders()
                .set("X-Rate-Limit-Reset", String.valueOf(rateWindow.resetEpochSecond()));
        return allowed;
    }

    /**
     * The first event stored at or after {@code since}; all were stored "now", so it is by
     * published.
     */
    private synchronized int firstStoredSince(String since) {
        long from = since == null ? 0 : Instant.parse(since).toEpochMilli();
        for (int i = 0; i < events.size(); i++) {
            if (published(events.get(i)) >= from) {
                return i;
            }
        }
        return events.size();
    }

    private static String encodeAfter(int index) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("stored:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeAfter(String after) {
        String text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        if (!text.startsWith("stored:")) {
            throw new IllegalArgumentException("not a cursor");
        }
        return Integer.parseInt(text.substring(7));
    }

    private static String uuid(String event) {
        return read(event).path("uuid").asText();
    }

    private static long published(String event) {
        return Instant.parse(read(event).path("published").asText()).toEpochMilli();
    }

    private static JsonNode read(String event) {
        try {
            return Json.mapper().readTree(event);
        } catch (IOException e) {
            throw new IllegalStateException("stand-in event is not JSON", e);
        }
    }

    private static int intOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String error(String code, String summary) {
        return "{\"errorCode\": \""
                + code
                + "\", \"errorSummary\": \""
                + summary
                + "\", \"errorLink\": \""
                + code
                + "\", \"errorId\": \"stand-in\", \"errorCauses\": []}";
    }

    /** How the stand-in authenticates and limits. */
    public static final class Builder {
        private int port;
        private String apiToken;
        private String clientId;
        private PublicKey publicKey;
        private long tokenLifetimeSeconds = 3600;
        private int rateLimit = 60;
        private long windowMillis = 60_000;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Accepts {@code Authorization: SSWS <token>}. */
        public Builder apiToken(String token) {
            this.apiToken = token;
            return this;
        }

        /**
         * A service app with this public key registered: issues it access tokens living {@code
         * lifetimeSeconds} for a client assertion signed by the private key.
         */
        public Builder serviceApp(String id, PublicKey key, long lifetimeSeconds) {
            this.clientId = id;
            this.publicKey = key;
            this.tokenLifetimeSeconds = lifetimeSeconds;
            return this;
        }

        /** At most {@code requests} log requests per window of {@code windowMillis}. */
        public Builder rateLimit(int requests, long windowMillis) {
            this.rateLimit = requests;
            this.windowMillis = windowMillis;
            return this;
        }

        public OktaStandIn start() throws IOException {
            return new OktaStandIn(this);
        }
    }
}
