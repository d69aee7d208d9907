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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Okta System Log API as a polling client: the first request asks {@code /api/v1/logs?since=...
 * &sortOrder=ASCENDING} (no {@code until}: a polling query, ordered by when Okta stored the event,
 * so events published late still come after the cursor), then every request follows the {@code
 * Link: <...>; rel="next"} of the previous answer, which Okta always sends in polling mode; a page
 * shorter than the limit means caught up. An {@code SSWS} API token or an OAuth 2.0 access token
 * (scope {@code okta.logs.read}) of a service app authenticates; the service app gets its token
 * with a JWT signed by its private key ({@code private_key_jwt}, as Okta requires for its own APIs;
 * not DPoP-bound); {@code X-Rate-Limit-*} headers are obeyed.
 */
public final class OktaSystemLog implements VendorApi {
    public static final String NAME = "okta";
    static final String SCOPE = "okta.logs.read";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalizerVendor() {
        return "okta";
    }

    @Override
    public String fixedBaseUrl() {
        return null;
    }

    @Override
    public List<String> hostPatterns() {
        return List.of(
                "*.okta.com",
                "*.oktapreview.com",
                "*.okta-emea.com",
                "*.okta-gov.com",
                "*.okta.mil");
    }

    @Override
    public List<String> authKinds() {
        return List.of("ssws", "oauth");
    }

    @Override
    public boolean oauthWithPrivateKey() {
        return true;
    }

    @Override
    public int defaultPageSize() {
        return 1000;
    }

    @Override
    public int maxPageSize() {
        return 1000;
    }

    @Override
    public long maxBackfillMillis() {
        return Duration.ofDays(90).toMillis(); // Okta keeps the System Log 90 days
    }

    @Override
    public Page fetch(IntegrationDefinition def, IntegrationCursor cursor, VendorCall call)
            throws VendorException {
        URI uri =
                cursor.next != null
                        ? call.sameOrigin(cursor.next)
                        : URI.create(
                                def.baseUrl
                                        + "/api/v1/logs?since="
                                        + Urls.encode(Urls.iso(cursor.since))
                                        + "&sortOrder=ASCENDING&limit="
                                        + def.pageSize);
        Reply reply = call.get(uri, headers(def, call));
        if (reply.status == 401 && "oauth".equals(def.auth)) {
            call.dropToken(); // expired or revoked: one new token, one more try
            reply = call.get(uri, headers(def, call));
        }
        if (reply.status == 400 && cursor.next != null) {
            throw new VendorException(VendorException.Kind.BAD_CURSOR, "Okta refused the cursor");
        }
        if (reply.status != 200) {
            throw VendorCall.failure(reply, "Okta System Log", call.now());
        }
        return page(reply, uri, def, call.now());
    }

    private static Map<String, String> headers(IntegrationDefinition def, VendorCall call)
            throws VendorException {
        String authorization =
                "oauth".equals(def.auth)
                        ? "Bearer "
                                + call.oauthTokenSignedByKey(
                                        URI.create(def.baseUrl + "/oauth2/v1/token"), SCOPE)
                        : "SSWS " + call.secret();
        return Map.of("Authorization", authorization, "Accept", "application/json");
    }

    private static Page page(Reply reply, URI asked, IntegrationDefinition def, long now)
            throws VendorException {
        JsonNode events = VendorCall.readJson(reply.body, "Okta's answer");
        if (!events.isArray()) {
            throw new VendorException(VendorException.Kind.PROTOCOL, "Okta's answer is no array");
        }
        Page page = new Page();
        for (JsonNode e : events) {
            String id = e.path("uuid").asText(null);
            long published = Urls.millis(e.path("published").asText(null));
            page.items.add(new Page.Item(id, published, e.toString()));
        }
        page.next = nextLink(reply);
        if (page.next == null) {
            throw new VendorException(
                    VendorException.Kind.PROTOCOL, "Okta's answer has no rel=\"next\" link");
        }
        page.caughtUp = events.size() < def.pageSize;
        page.describe = asked.getRawQuery();
        long wait = RateLimits.waitMillis(reply, now);
        page.notBefore = wait > 0 ? now + wait : 0;
        return page;
    }

    static String nextLink(Reply reply) {
        String link = reply.header("link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT_LINK.matcher(link);
        return m.find() ? m.group(1) : null;
    }
}
