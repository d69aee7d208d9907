package io.securitycoach.standins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A local Microsoft Graph for {@code security/alerts_v2}: tokens from {@code POST
 * /{tenant}/oauth2/v2.0/token} (client credentials in the form, scope {@code
 * https://graph.microsoft.com/.default}) that expire; {@code GET /v1.0/security/alerts_v2} with
 * {@code $filter=lastUpdateDateTime ge ...}, {@code $top} and {@code @odata.nextLink} ({@code
 * $skiptoken}); 429 with {@code Retry-After} once more than {@code rateLimit} requests came in a
 * window. Alerts can be updated: the stored alert keeps its id and gets a newer {@code
 * lastUpdateDateTime}, as Graph serves only an alert's latest version.
 */
public final class GraphStandIn extends StandInServer {
    private final String tenant;
    private final String clientId;
    private final String clientSecret;
    private final AccessTokens tokens;
    private final RateWindow rateWindow;
    private final Map<String, ObjectNode> alerts = new LinkedHashMap<>();
    private final List<String> served = new ArrayList<>();

    public GraphStandIn(
            String tenant,
            String clientId,
            String clientSecret,
            long tokenLifetimeSeconds,
            int rateLimitPerSecond)
            throws IOException {
        super("graph-stand-in", 0);
        this.tenant = tenant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokens = new AccessTokens("graph-", tokenLifetimeSeconds);
        this.rateWindow = new RateWindow(rateLimitPerSecond, 1000);
    }

    /** Stores alerts (alerts_v2 JSON objects); one with a known id replaces that alert. */
    public synchronized GraphStandIn store(List<String> alertJson) throws IOException {
        for (String a : alertJson) {
            ObjectNode alert = (ObjectNode) Json.mapper().readTree(a);
            alerts.remove(alert.path("id").asText());
            alerts.put(alert.path("id").asText(), alert);
        }
        return this;
    }

    /** A new version of the alert: updated now, with the given status. */
    public synchronized void update(String id, String status) {
        ObjectNode a = alerts.remove(id);
        a.put("status", status);
        a.put("lastUpdateDateTime", Instant.now().toString());
        alerts.put(id, a);
    }

    /** Every alert version served, as {@code id@lastUpdateDateTime}, in order. */
    public synchronized List<String> served() {
        return new ArrayList<>(served);
    }

    /** Every alert version stored now, as {@code id@lastUpdateDateTime}. */
    public synchronized List<String> versions() {
        return alerts.values().stream().map(GraphStandIn::version).collect(Collectors.toList());
    }

    public synchronized void expireTokens() {
        tokens.expireAll();
    }

    private static String version(ObjectNode a) {
        return a.path("id").asText() + "@" + a.path("lastUpdateDateTime").asText();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/" + tenant + "/oauth2/v2.0/token")) {
            token(exchange);
        } else if (path.equals("/v1.0/security/alerts_v2")) {
            alerts(exchange);
        } else {
            send(exchange, 404, "{\"error\": {\"code\": \"ResourceNotFound\"}}");
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (!clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            send(exchange, 401, "{\"error\": \"invalid_client\"}");
            return;
        }
        if (!"https://graph.microsoft.com/.default".equals(form.get("scope"))) {
            send(exchange, 400, "{\"error\": \"invalid_scope\"}");
            return;
        }
        String token = tokens.issue();
        send(
                exchange,
                200,
                "{\"token_type\": \"Bearer\", \"expires_in\": "
                        + tokens.lifetimeSeconds()
                        + ", \"access_token\": \""
                        + token
                        + "\"}");
    }

    private void alerts(HttpExchange exchange) throws IOException {
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(
                    exchange,
                    401,
                    "{\"error\": {\"code\": \"InvalidAuthenticationToken\", \"message\": \"Access"
                            + " token has expired or is not yet valid.\"}}");
            return;
        }
        if (!withinRateLimit()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 429, "{\"error\": {\"code\": \"TooManyRequests\"}}");
            return;
        }
        if (fault(exchange)) {
            return;
        }
        Map<String, String> q = query(exchange);
        String filter = q.getOrDefault("$filter", "");
        long since =
                filter.startsWith("lastUpdateDateTime ge ")
                        ? Instant.parse(filter.substring(22).trim()).toEpochMilli()
                        : 0;
        int top = Integer.parseInt(q.getOrDefault("$top", "100"));
        int skip = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
        page(exchange, since, top, skip, filter);
    }

    private void page(HttpExchange exchange, long since, int top, int skip, String filter)
            throws IOException {
        List<ObjectNode> page;
        boolean more;
        synchronized (this) {
            List<ObjectNode> matching =
                    alerts.values().stream()
                            .filter(
                                    a ->
                                            Instant.parse(a.path("lastUpdateDateTime").asText())
                                                            .toEpochMilli()
                                                    >= since)
                            .sorted(
                                    (a, b) ->
                                            a.path("lastUpdateDateTime")
                                                    .asText()
                                                    .compareTo(
                                                            b.path("lastUpdateDateTime").asText()))
                            .collect(Collectors.toList());
            page =
                    matching.subList(
                            Math.min(skip, matching.size()), Math.min(skip + top, matching.size()));
            more = skip + top < matching.size();
            page.forEach(a -> served.add(version(a)));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("@odata.context", baseUrl() + "/v1.0/$metadata#security/alerts_v2");
        body.putArray("value").addAll(page);
        if (more) {
            body.put(
                    "@odata.nextLink",
                    baseUrl()
                            + "/v1.0/security/alerts_v2?$filter="
                            + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")
                            + "&$top="
                            + top
                            + "&$skiptoken="
                            + (skip + top));
        }
        send(exchange, 200, body.toString());
    }

    private boolean withinRateLimit() {
        return rateWindow.take(System.currentTimeMillis());
    }
}
