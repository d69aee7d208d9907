package io.securitycoach.integrations.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.IntegrationPoll;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.integrations.IntegrationValidator;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.TokenCache;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.normalize.vendors.CrowdStrikeNormalizer;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.Transport;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.validation.Problems;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Falcon Alerts API v2 client against an in-memory Falcon: queries then entities, the keyed
 * cursor with its inclusive overlap, updated alerts as new versions of the same alert, tokens and
 * failures.
 */
class CrowdStrikeAlertsTest {
    static final long NOW = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();
    static final String BASE = "https://api.eu-1.crowdstrike.com";

    /** A Falcon that answers the token, query and entities requests from its alerts. */
    static final class FakeFalcon implements Transport {
        final Map<String, ObjectNode> alerts = new LinkedHashMap<>();
        final List<String> requests = new ArrayList<>();
        final Deque<Reply> scripted = new ArrayDeque<>();
        final Map<String, String> updateOnLookup = new HashMap<>();
        String validToken;
        int tokensIssued;
        boolean refuseEveryToken;

        FakeFalcon alert(String id, String updated) {
            ObjectNode a = Json.mapper().createObjectNode();
            a.put("composite_id", id);
            a.put("timestamp", updated);
            a.put("created_timestamp", updated);
            a.put("updated_timestamp", updated);
            a.put("product", "epp");
            a.put("status", "new");
            a.put("user_name", "ada");
            a.put("logon_domain", "ACME");
            a.putObject("device").put("hostname", "ACME-1");
            alerts.put(id, a);
            return this;
        }

        @Override
        public CompletableFuture<Reply> send(Request r) {
            String query = r.uri.getRawQuery() == null ? "" : "?" + decode(r.uri.getRawQuery());
            requests.add(r.method + " " + r.uri.getPath() + query);
            return CompletableFuture.completedFuture(answer(r));
        }

        private Reply answer(Request r) {
            String path = r.uri.getPath();
            if (path.equals("/oauth2/token")) {
                return token(r);
            }
            if (refuseEveryToken
                    || !("Bearer " + validToken).equals(r.headers.get("Authorization"))) {
                return new Reply(401, "{\"errors\": [{\"code\": 401}]}", -1);
            }
            if (!scripted.isEmpty()) {
                return scripted.poll();
            }
            return path.equals(CrowdStrikeAlerts.QUERIES_PATH) ? query(r.uri) : entities(r.body);
        }

        private Reply token(Request r) {
            assertThat(r.body)
                    .isEqualTo(
                            "grant_type=client_credentials&client_id=falcon-client"
                                    + "&client_secret=s3cret");
            validToken = "token-" + ++tokensIssued;
            return new Reply(
                    201,
                    "{\"access_token\": \""
                            + validToken
                            + "\", \"token_type\": \"bearer\", \"expires_in\": 1799}",
                    -1);
        }

        private Reply query(URI uri) {
            Map<String, String> q = new HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], decode(kv[1]));
            }
            assertThat(q.get("sort")).isEqualTo("updated_timestamp.asc");
            String filter = q.get("filter");
            assertThat(filter).startsWith("updated_timestamp:>='").endsWith("'");
            long from = Instant.parse(filter.substring(21, filter.length() - 1)).toEpochMilli();
            int limit = Integer.parseInt(q.get("limit"));
            int offset = Integer.parseInt(q.get("offset"));
            List<String> matching =
                    alerts.values().stream()
                            .filter(a -> time(a) >= from)
                            .sorted(Comparator.comparingLong(FakeFalcon::time))
                            .map(a -> a.path("composite_id").asText())
                            .collect(Collectors.toList());
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("meta")
                    .putObject("pagination")
                    .put("offset", offset)
                    .put("limit", limit)
                    .put("total", matching.size());
            ArrayNode ids = body.putArray("resources");
            matching.subList(
                            Math.min(offset, matching.size()),
                            Math.min(offset + limit, matching.size()))
                    .forEach(ids::add);
            body.putArray("errors");
            return new Reply(200, body.toString(), -1);
        }

        private Reply entities(String json) {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode resources = body.putArray("resources");
            read(json)
                    .path("composite_ids")
                    .forEach(
                            id -> {
                                String later = updateOnLookup.remove(id.asText());
                                if (later != null) {
                                    alerts.get(id.asText()).put("updated_timestamp", later);
                                }
                                resources.add(alerts.get(id.asText()));
                            });
            return new Reply(200, body.toString(), -1);
        }

        static long time(JsonNode a) {
            return Instant.parse(a.path("updated_timestamp").asText()).toEpochMilli();
        }
    }

    final FakeFalcon falcon = new FakeFalcon();
    final TokenCache tokens = new TokenCache();
    final CrowdStrikeAlerts api = new CrowdStrikeAlerts();
    final List<RawEvent> out = new ArrayList<>();

    static IntegrationDefinition def(int pageSize) {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = CrowdStrikeAlerts.NAME;
        d.baseUrl = BASE;
        d.auth = "oauth";
        d.clientId = "falcon-client";
        d.secretRef = "file:orgs/acme/crowdstrike-secret";
        d.pageSize = pageSize;
        d.pollIntervalMillis = 60_000;
        return d;
    }

    VendorCall call(IntegrationDefinition def, long now) {
        return new VendorCall(def, falcon, ref -> "s3cret", tokens, Duration.ofSeconds(1), now);
    }

    IntegrationPoll.Result poll(IntegrationDefinition def, IntegrationCursor c, long now) {
        return new IntegrationPoll(api, new IntegrationSettings())
                .run(def, c, call(def, now), out::add);
    }

    static String at(int minute) {
        return String.format("2026-11-21T10:%02d:00.000Z", minute);
    }

    static long millis(int minute) {
        return Instant.parse(at(minute)).toEpochMilli();
    }

    List<String> emitted() {
        return out.stream()
                .map(e -> read(e.payload))
                .map(
                        a ->
                                a.path("composite_id").asText()
                                        + "@"
                                        + a.path("updated_timestamp").asText())
                .collect(Collectors.toList());
    }

    @Test
    void aPageIsTheQueryThenItsEntitiesWithOneCachedClientCredentialsToken() throws Exception {
        falcon.alert("c:1", at(1)).alert("c:2", at(2)).alert("c:3", at(3));
        IntegrationDefinition def = def(2);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        Page first = api.fetch(def, c, call(def, NOW));
        assertThat(falcon.requests)
                .containsExactly(
                        "POST /oauth2/token",
                        "GET /alerts/queries/alerts/v2?filter=updated_timestamp:>='2026-11-21T10:00:00Z'"
                            + "&sort=updated_timestamp.asc&limit=2&offset=0",
                        "POST /alerts/entities/alerts/v2");
        assertThat(first.items)
                .extracting(i -> i.id)
                .containsExactly("c:1@" + at(1), "c:2@" + at(2));
        assertThat(first.caughtUp).isFalse();
        assertThat(first.next)
                .as("the next query starts at the newest update")
                .isEqualTo("2026-11-21T10:02:00Z|0");
        assertThat(first.describe)
                .isEqualTo("alerts updated_timestamp>=2026-11-21T10:00:00Z offset 0");
        c.next = first.next;
        api.fetch(def, c, call(def, NOW + 1000));
        assertThat(falcon.tokensIssued).as("the token is cached").isEqualTo(1);
    }

    @Test
    void theInclusiveOverlapIsDroppedByIdAndAPassEndsFiveMinutesBeforeTheNewest() {
        falcon.alert("c:1", at(1)).alert("c:2", at(2)).alert("c:3", at(2)).alert("c:4", at(9));
        IntegrationDefinition def = def(2);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        IntegrationPoll.Result r = poll(def, c, NOW);
        assertThat(emitted())
                .containsExactly("c:1@" + at(1), "c:2@" + at(2), "c:3@" + at(2), "c:4@" + at(9));
        assertThat(r.emitted).isEqualTo(4);
        assertThat(c.next).isNull();
        assertThat(c.since).as("newest 10:09 less five minutes").isEqualTo(millis(4));
        IntegrationPoll.Result again = poll(def, c, NOW + 60_000);
        assertThat(again.empty).as("the overlap brings nothing new").isTrue();
        assertThat(out).hasSize(4);
    }

    @Test
    void anUpdatedAlertIsANewVersionWithTheSameEventUid() throws Exception {
        falcon.alert("c:1", at(1)).alert("c:2", at(2));
        IntegrationDefinition def = def(10);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        poll(def, c, NOW);
        falcon.alerts.get("c:1").put("updated_timestamp", at(20)).put("status", "closed");
        poll(def, c, NOW + 60_000);
        assertThat(emitted()).containsExactly("c:1@" + at(1), "c:2@" + at(2), "c:1@" + at(20));
        assertThat(eventUid(out.get(2))).isEqualTo(eventUid(out.get(0))).isEqualTo("c:1");
    }

    @Test
    void anAlertIndexedLateWithinTheOverlapIsFetchedOnTheNextPass() {
        falcon.alert("c:1", at(1)).alert("c:2", at(10));
        IntegrationDefinition def = def(10);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        poll(def, c, NOW);
        falcon.alert("c:late", at(8)); // updated before the newest fetched, searchable only now
        poll(def, c, NOW + 60_000);
        assertThat(emitted()).containsExactly("c:1@" + at(1), "c:2@" + at(10), "c:late@" + at(8));
    }

    @Test
    void moreAlertsThanAPageAtOneTimeAreSteppedOverByOffset() {
        for (int i = 1; i <= 5; i++) {
            falcon.alert("c:" + i, at(3));
        }
        IntegrationDefinition def = def(2);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        poll(def, c, NOW);
        assertThat(emitted()).hasSize(5).doesNotHaveDuplicates();
        assertThat(falcon.requests)
                .filteredOn(r -> r.startsWith("GET"))
                .extracting(r -> r.substring(r.indexOf("offset=")))
                .containsExactly("offset=0", "offset=0", "offset=2", "offset=4");
    }

    @Test
    void anAlertUpdatedBetweenQueryAndLookupDoesNotMoveTheCursorPastOthers() {
        falcon.alert("c:1", at(1)).alert("c:2", at(2)).alert("c:3", at(3));
        falcon.updateOnLookup.put("c:2", "2026-11-21T12:00:05.000Z"); // after the poll began
        IntegrationDefinition def = def(2);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        poll(def, c, NOW);
        assertThat(emitted())
                .containsExactly("c:1@" + at(1), "c:2@2026-11-21T12:00:05.000Z", "c:3@" + at(3));
    }

    @Test
    void anExpiredTokenIsAskedForAgainOnceAndARefusedOneIsAnAuthFailure() throws Exception {
        falcon.alert("c:1", at(1));
        IntegrationDefinition def = def(10);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        api.fetch(def, c, call(def, NOW));
        falcon.validToken = "revoked-or-expired";
        Page page = api.fetch(def, c, call(def, NOW + 1000));
        assertThat(page.items).hasSize(1);
        assertThat(falcon.tokensIssued).isEqualTo(2);
        assertThat(tokens.get(def.key(), NOW + 1000)).isEqualTo("token-2");
        api.fetch(def, c, call(def, NOW + 1_800_000)); // 1799 s later: renewed before it expires
        assertThat(falcon.tokensIssued).isEqualTo(3);
        falcon.refuseEveryToken = true;
        assertThatThrownBy(() -> api.fetch(def, c, call(def, NOW + 1_801_000)))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> assertThat(e.kind).isEqualTo(VendorException.Kind.AUTH_FAILED));
    }

    @Test
    void a429WaitsUntilCrowdStrikesRetryAfterTime() {
        falcon.alert("c:1", at(1));
        falcon.scripted.add(
                new Reply(
                        429,
                        "{\"errors\": [{\"code\": 429, \"message\": \"API rate limit"
                                + " exceeded.\"}]}",
                        -1,
                        Map.of(
                                "x-ratelimit-limit", "6000",
                                "x-ratelimit-remaining", "0",
                                "x-ratelimit-retryafter", String.valueOf(NOW / 1000 + 30))));
        IntegrationDefinition def = def(10);
        VendorException e = failure(def);
        assertThat(e.kind).isEqualTo(VendorException.Kind.RATE_LIMITED);
        assertThat(e.retryAfterMillis).isEqualTo(30_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 403, 400, 200})
    void failuresHaveTheirKind(int status) {
        falcon.alert("c:1", at(1));
        String body = status == 200 ? "<html>maintenance</html>" : "{\"errors\": []}";
        falcon.scripted.add(new Reply(status, body, -1));
        VendorException e = failure(def(10));
        VendorException.Kind expected =
                status >= 500
                        ? VendorException.Kind.VENDOR_DOWN
                        : status == 403
                                ? VendorException.Kind.FORBIDDEN
                                : VendorException.Kind.PROTOCOL;
        assertThat(e.kind).isEqualTo(expected);
    }

    @Test
    void aRefusedOffsetOrAnUnreadableCursorRestartsByTime() {
        IntegrationDefinition def = def(10);
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        c.next = "2026-11-21T10:00:00Z|10000";
        falcon.scripted.add(new Reply(400, "{\"errors\": [{\"code\": 400}]}", -1));
        assertThatThrownBy(() -> api.fetch(def, c, call(def, NOW)))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> assertThat(e.kind).isEqualTo(VendorException.Kind.BAD_CURSOR));
        c.next = "somewhere";
        assertThatThrownBy(() -> api.fetch(def, c, call(def, NOW)))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> assertThat(e.kind).isEqualTo(VendorException.Kind.BAD_CURSOR));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.crowdstrike.com",
                "https://api.us-2.crowdstrike.com",
                "https://api.eu-1.crowdstrike.com/",
                "https://api.laggar.gcw.crowdstrike.com"
            })
    void theFalconCloudsAreAccepted(String baseUrl) {
        Problems problems = new Problems();
        IntegrationDefinition d = validate(baseUrl, problems, true);
        assertThat(problems.messages()).isEmpty();
        assertThat(d.baseUrl).isEqualTo(baseUrl.replaceAll("/$", ""));
        assertThat(d.pageSize).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://falcon.crowdstrike.com",
                "https://api.crowdstrike.com.evil.example",
                "https://evil.example",
                "http://api.crowdstrike.com",
                "https://203.0.113.9"
            })
    void otherHostsAreRefusedEvenWhereCustomDomainsAreAllowed(String baseUrl) {
        Problems problems = new Problems();
        assertThat(validate(baseUrl, problems, true)).isNull();
        assertThat(problems.messages()).anyMatch(m -> m.startsWith("base_url"));
    }

    @Test
    void theBaseUrlNamesTheCloudAndIsRequired() {
        Problems problems = new Problems();
        assertThat(validate(null, problems, false)).isNull();
        assertThat(problems.messages()).anyMatch(m -> m.contains("https://api.crowdstrike.com"));
    }

    private static IntegrationDefinition validate(
            String baseUrl, Problems problems, boolean customDomains) {
        IntegrationSettings settings = new IntegrationSettings();
        settings.allowCustomDomains = customDomains;
        String payload =
                "{"
                        + (baseUrl == null ? "" : "\"base_url\": \"" + baseUrl + "\", ")
                        + "\"client_id\": \"falcon-client\", \"secret\":"
                        + " \"file:orgs/acme/crowdstrike-secret\"}";
        return new IntegrationValidator(settings)
                .read("acme", CrowdStrikeAlerts.NAME, 1, payload, problems);
    }

    private VendorException failure(IntegrationDefinition def) {
        IntegrationCursor c = IntegrationCursor.startingAt(millis(0));
        try {
            api.fetch(def, c, call(def, NOW));
        } catch (VendorException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    private static String eventUid(RawEvent record) throws Exception {
        SecurityEvent event = new SecurityEvent();
        new CrowdStrikeNormalizer().normalize(read(record.payload), event);
        return event.eventUid;
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
