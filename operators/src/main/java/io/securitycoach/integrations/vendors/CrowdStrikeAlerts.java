package io.securitycoach.integrations.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.RateLimits;
import io.securitycoach.integrations.Urls;
import io.securitycoach.integrations.VendorApi;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.schema.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CrowdStrike Falcon Alerts API v2 with an API client's OAuth2 client credentials ({@code POST
 * /oauth2/token}, scope Alerts: Read; the bearer token is cached until shortly before it expires
 * and fetched again on a 401). A page is two requests: {@code GET /alerts/queries/alerts/v2} for
 * the composite ids updated at or after a time ({@code filter=updated_timestamp:>='...'}, {@code
 * sort=updated_timestamp.asc}, {@code limit}, {@code offset}), then {@code POST
 * /alerts/entities/alerts/v2} with those {@code composite_ids} for the alerts themselves.
 *
 * <p>The query is paged by key, not by a growing offset: the next page asks again from the newest
 * {@code updated_timestamp} fetched (inclusive, so the alerts at that time come again and are
 * dropped by id), which keeps clear of the API's offset ceiling and of alerts moving while a pass
 * pages through them; the offset is used only to step over more alerts than a page at one
 * timestamp. The vendor cursor is {@code <time>|<offset>}. A pass ends when a query returns fewer
 * ids than asked; the next pass starts five minutes before the newest update seen (alerts reach the
 * search index late), repeats dropped by id. An updated alert is a new version of the same alert:
 * its {@code composite_id} stays, its {@code updated_timestamp} moves, so it is fetched again and
 * normalized with the same event uid.
 */
public final class CrowdStrikeAlerts implements VendorApi {
    public static final String NAME = "crowdstrike";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String QUERIES_PATH = "/alerts/queries/alerts/v2";
    static final String ENTITIES_PATH = "/alerts/entities/alerts/v2";
    static final long OVERLAP_MILLIS = Duration.ofMinutes(5).toMillis();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalizerVendor() {
        return "crowdstrike";
    }

    @Override
    public String fixedBaseUrl() {
        return null; // one API host per Falcon cloud
    }

    /** The Falcon clouds' API hosts: US-1, US-2, EU-1 and US-GOV-1. */
    @Override
    public List<String> hostPatterns() {
        return List.of(
                "api.crowdstrike.com",
                "api.us-2.crowdstrike.com",
                "api.eu-1.crowdstrike.com",
                "api.laggar.gcw.crowdstrike.com");
    }

    @Override
    public boolean customDomains() {
        return false; // the client secret goes to a Falcon cloud, never to a tenant's own host
    }

    @Override
    public List<String> authKinds() {
        return List.of("oauth");
    }

    @Override
    public int defaultPageSize() {
        return 500;
    }

    /** The entities lookup takes at most 1,000 composite ids. */
    @Override
    public int maxPageSize() {
        return 1000;
    }

    @Override
    public long maxBackfillMillis() {
        return Duration.ofDays(90).toMillis(); // Falcon keeps alerts 90 days by default
    }

    @Override
    public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException {
        Position at = Position.of(cursor);
        Reply ids = send(def, call, queryUri(def, at), null);
        if (ids.status == 400 && at.offset > 0) {
            throw new VendorException(
                    VendorException.Kind.BAD_CURSOR, "CrowdStrike refused the query's offset");
        }
        ok(ids, "alerts query", call);
        JsonNode query = resources(ids, "the alerts query");
        List<String> compositeIds = new ArrayList<>();
        query.path("resources").forEach(id -> compositeIds.add(id.asText()));
        Reply entities = null;
        if (!compositeIds.isEmpty()) {
            entities = send(def, call, URI.create(def.baseUrl + ENTITIES_PATH), body(compositeIds));
            if (entities.status != 404) { // 404: some alerts went away since the query
                ok(entities, "alerts entities", call);
            }
        }
        Page page = page(def, cursor, at, query, compositeIds, entities, call.now());
        page.notBefore = notBefore(call.now(), ids, entities);
        return page;
    }

    static URI queryUri(IntegrationDefinition def, Position at) {
        String filter = "updated_timestamp:>='" + Urls.iso(at.from) + "'";
        return URI.create(
                def.baseUrl
                        + QUERIES_PATH
                        + "?filter="
                        + Urls.encode(filter)
                        + "&sort=updated_timestamp.asc&limit="
                        + def.pageSize
                        + "&offset="
                        + at.offset);
    }

    /** The token endpoint is the cloud's own (the stand-in's beside a local base URL). */
    static URI tokenUri(IntegrationDefinition def) {
        return URI.create(def.baseUrl + TOKEN_PATH);
    }

    private static String body(List<String> compositeIds) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("composite_ids");
        compositeIds.forEach(ids::add);
        return body.toString();
    }

    /** One request with the cached token; a 401 drops it and tries once more with a new one. */
    private static Reply send(IntegrationDefinition def, VendorCall call, URI uri, String json)
            throws VendorException {
        Reply reply = exchange(def, call, uri, json);
        if (reply.status == 401) {
            call.dropToken(); // expired or revoked
            reply = exchange(def, call, uri, json);
        }
        return reply;
    }

    private static Reply exchange(IntegrationDefinition def, VendorCall call, URI uri, String json)
            throws VendorException {
        // CrowdStrike's token request names no scope: the API client's scopes apply
        String token = call.oauthToken(tokenUri(def), null, true);
        Map<String, String> headers =
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        return json == null ? call.get(uri, headers) : call.postJson(uri, json, headers);
    }

    private static void ok(Reply reply, String what, VendorCall call) throws VendorException {
        if (reply.status != 200) {
            throw VendorCall.failure(reply, "CrowdStrike " + what, call.now());
        }
    }

    /** The answer's body with its {@code resources} array (CrowdStrike's envelope). */
    private static JsonNode resources(Reply reply, String what) throws VendorException {
        JsonNode body = VendorCall.readJson(reply.body, "CrowdStrike's answer to " + what);
        JsonNode resources = body.path("resources");
        if (!resources.isArray() && !resources.isNull() && !resources.isMissingNode()) {
            throw new VendorException(
                    VendorException.Kind.PROTOCOL, what + " answered resources that are no list");
        }
        if (!resources.isArray() && body.path("errors").size() > 0) {
            throw new VendorException(
                    VendorException.Kind.PROTOCOL, what + " answered errors and no resources");
        }
        return body;
    }

    private static Page page(
            IntegrationDefinition def,
            IntegrationCursor cursor,
            Position at,
            JsonNode query,
            List<String> compositeIds,
            Reply entities,
            long now)
            throws VendorException {
        Page page = new Page();
        long newest = -1;
        for (JsonNode alert : alerts(compositeIds, entities)) {
            String updated = alert.path("updated_timestamp").asText("");
            long time = Urls.millis(updated);
            String compositeId = alert.path("composite_id").asText(null);
            String version = compositeId == null || time < 0 ? null : compositeId + "@" + updated;
            page.items.add(new Page.Item(version, time, alert.toString()));
            if (time <= now) { // later: updated since the query, where later ids may still be
                newest = Math.max(newest, time);
            }
        }
        long total = query.path("meta").path("pagination").path("total").asLong(-1);
        page.caughtUp =
                compositeIds.size() < def.pageSize
                        || total >= 0 && at.offset + compositeIds.size() >= total;
        if (page.caughtUp) {
            long top = Math.max(at.from, newest);
            page.since = Math.max(cursor.since, top - OVERLAP_MILLIS);
        } else if (newest > at.from) {
            page.next = new Position(newest, 0).toString();
        } else {
            // a page full of alerts at one time: step over them at that time
            page.next = new Position(at.from, at.offset + compositeIds.size()).toString();
        }
        page.describe = "alerts updated_timestamp>=" + Urls.iso(at.from) + " offset " + at.offset;
        return page;
    }

    /** The entities in the order of the query's ids (an alert no longer there is left out). */
    private static List<JsonNode> alerts(List<String> compositeIds, Reply entities)
            throws VendorException {
        if (entities == null) {
            return List.of();
        }
        JsonNode body =
                entities.status == 404
                        ? VendorCall.readJson(entities.body, "CrowdStrike's alerts lookup")
                        : resources(entities, "the alerts lookup");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        compositeIds.forEach(id -> byId.put(id, null));
        List<JsonNode> unasked = new ArrayList<>();
        for (JsonNode alert : body.path("resources")) {
            String id = alert.path("composite_id").asText("");
            if (byId.containsKey(id) && byId.get(id) == null) {
                byId.put(id, alert);
            } else {
                unasked.add(alert);
            }
        }
        List<JsonNode> ordered = new ArrayList<>();
        byId.values().stream().filter(a -> a != null).forEach(ordered::add);
        ordered.addAll(unasked);
        return ordered;
    }

    private static long notBefore(long now, Reply ids, Reply entities) {
        long wait = RateLimits.waitMillis(ids, now);
        if (entities != null) {
            wait = Math.max(wait, RateLimits.waitMillis(entities, now));
        }
        return wait > 0 ? now + wait : 0;
    }

    /** Where the query of the next page starts: an update time and an offset at that time. */
    static final class Position {
        final long from;
        final int offset;

        Position(long from, int offset) {
            this.from = from;
            this.offset = offset;
        }

        static Position of(IntegrationCursor cursor) throws VendorException {
            if (cursor.next == null) {
                return new Position(cursor.since, 0);
            }
            int bar = cursor.next.indexOf('|');
            long from = bar < 0 ? -1 : Urls.millis(cursor.next.substring(0, bar));
            try {
                int offset = Integer.parseInt(cursor.next.substring(bar + 1));
                if (from >= 0 && offset >= 0) {
                    return new Position(from, offset);
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new VendorException(VendorException.Kind.BAD_CURSOR, "unreadable alerts cursor");
        }

        @Override
        public String toString() {
            return Urls.iso(from) + "|" + offset;
        }
    }
}
