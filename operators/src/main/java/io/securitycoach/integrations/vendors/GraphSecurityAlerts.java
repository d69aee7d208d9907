package io.securitycoach.integrations.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.RateLimits;
import io.securitycoach.integrations.Urls;
import io.securitycoach.integrations.VendorApi;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Graph {@code security/alerts_v2} with an app's client credentials (token from Microsoft
 * Entra for {@code https://graph.microsoft.com/.default}, permission {@code
 * SecurityAlert.Read.All}): a pass asks for the alerts whose {@code lastUpdateDateTime} is at or
 * after the cursor's time and follows {@code @odata.nextLink} to its end; the next pass starts five
 * minutes before the newest update seen (Graph is eventually consistent and {@code ge} is
 * inclusive), and repeats are dropped by id and update time. An updated alert is a new version of
 * the same alert: its id stays, its {@code lastUpdateDateTime} moves, so it is fetched and emitted
 * again as that new version.
 */
public final class GraphSecurityAlerts implements VendorApi {
    public static final String NAME = "microsoft-graph";
    static final String GRAPH = "https://graph.microsoft.com";
    static final String LOGIN = "https://login.microsoftonline.com";
    static final long OVERLAP_MILLIS = Duration.ofMinutes(5).toMillis();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalizerVendor() {
        return "defender";
    }

    @Override
    public String fixedBaseUrl() {
        return GRAPH;
    }

    @Override
    public List<String> hostPatterns() {
        return List.of("graph.microsoft.com");
    }

    @Override
    public List<String> authKinds() {
        return List.of("oauth");
    }

    @Override
    public int defaultPageSize() {
        return 500;
    }

    @Override
    public int maxPageSize() {
        return 1000;
    }

    @Override
    public long maxBackfillMillis() {
        return Duration.ofDays(30).toMillis();
    }

    @Override
    public boolean needsTenantId() {
        return true;
    }

    @Override
    public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException {
        URI uri = cursor.next != null ? call.sameOrigin(cursor.next) : firstPage(def, cursor);
        Reply reply = call.get(uri, headers(def, call));
        if (reply.status == 401) {
            call.dropToken();
            reply = call.get(uri, headers(def, call));
        }
        if (reply.status != 200) {
            throw VendorCall.failure(reply, "Microsoft Graph", call.now());
        }
        return page(reply, cursor, call.now());
    }

    private static URI firstPage(IntegrationDefinition def, IntegrationCursor cursor) {
        String filter = "lastUpdateDateTime ge " + Urls.iso(cursor.since);
        return URI.create(
                def.baseUrl
                        + "/v1.0/security/alerts_v2?$filter="
                        + Urls.encode(filter).replace("+", "%20")
                        + "&$top="
                        + def.pageSize);
    }

    /** The token endpoint: Entra's for the tenant, or the stand-in's beside a local base URL. */
    static URI tokenUri(IntegrationDefinition def) {
        String root = GRAPH.equals(def.baseUrl) ? LOGIN : def.baseUrl;
        return URI.create(root + "/" + Urls.encode(def.tenantId) + "/oauth2/v2.0/token");
    }

    private static Map<String, String> headers(IntegrationDefinition def, VendorCall call)
            throws VendorException {
        String token = call.oauthToken(tokenUri(def), GRAPH + "/.default", true);
        return Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
    }

    private static Page page(Reply reply, IntegrationCursor cursor, long now)
            throws VendorException {
        JsonNode body = VendorCall.readJson(reply.body, "Graph's answer");
        JsonNode alerts = body.path("value");
        if (!alerts.isArray()) {
            throw new VendorException(VendorException.Kind.PROTOCOL, "Graph's answer has no value");
        }
        Page page = new Page();
        long newest = cursor.newestEventTime;
        for (JsonNode a : alerts) {
            String updated = a.path("lastUpdateDateTime").asText("");
            long time = Urls.millis(updated);
            newest = Math.max(newest, time);
            // a version of the alert: the same alert updated later is another record
            page.items.add(
                    new Page.Item(a.path("id").asText() + "@" + updated, time, a.toString()));
        }
        page.next = body.path("@odata.nextLink").asText(null);
        page.caughtUp = page.next == null;
        if (page.caughtUp) {
            page.since = Math.max(cursor.since, newest - OVERLAP_MILLIS);
        }
        page.describe =
                "alerts_v2"
                        + (cursor.next != null ? " next page" : " since " + Urls.iso(cursor.since));
        long wait = RateLimits.waitMillis(reply, now);
        page.notBefore = wait > 0 ? now + wait : 0;
        return page;
    }
}
