package io.securitycoach.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.integrations.ClientAssertion;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.Page;
import io.securitycoach.integrations.TokenCache;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.integrations.vendors.OktaSystemLog;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.Transport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Okta poller as a service app against the stand-in: a client assertion signed by the private
 * key buys a bearer token, the token is cached and renewed when it expires or Okta refuses it, and
 * a wrong key is an auth failure. SSWS still works beside it.
 */
class OktaServiceAppStandInTest {
    static KeyPair registered;
    static KeyPair stranger;
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> asked = new ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        registered = rsa.generateKeyPair();
        stranger = rsa.generateKeyPair();
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static OktaStandIn serviceApp(long lifetimeSeconds) throws Exception {
        return OktaStandIn.builder()
                .apiToken("ssws-token")
                .serviceApp("0oa-coach", registered.getPublic(), lifetimeSeconds)
                .rateLimit(1000, 60_000)
                .start()
                .store(OktaEvents.generate("acme", List.of("ana@acme.test"), 30, start(), 3));
    }

    static Instant start() {
        return Instant.now().minusSeconds(3600);
    }

    static IntegrationDefinition def(String baseUrl, String auth) {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = OktaSystemLog.NAME;
        d.baseUrl = baseUrl;
        d.auth = auth;
        d.clientId = "0oa-coach";
        d.keyId = "kid-1";
        d.secretRef = "file:orgs/acme/okta-key.pem";
        d.pageSize = 10;
        return d;
    }

    /** A plain HTTP transport that records the path of each request. */
    Transport transport() {
        return r -> {
            asked.add(r.uri.getPath());
            return CompletableFuture.completedFuture(send(r));
        };
    }

    Reply send(Request r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri).timeout(Duration.ofSeconds(10));
        r.headers.forEach(b::header);
        b.method(
                r.method,
                r.body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(r.body));
        try {
            HttpResponse<String> answer =
                    http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new HashMap<>();
            answer.headers()
                    .map()
                    .forEach(
                            (k, v) ->
                                    headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            return new Reply(answer.statusCode(), answer.body(), -1, headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    VendorCall call(IntegrationDefinition d, String secret, TokenCache tokens, long now) {
        return new VendorCall(d, transport(), ref -> secret, tokens, Duration.ofSeconds(10), now);
    }

    long tokenRequests() {
        return asked.stream().filter("/oauth2/v1/token"::equals).count();
    }

    @Test
    void aSignedAssertionBuysABearerTokenThatIsCachedAndRenewed() throws Exception {
        try (OktaStandIn okta = serviceApp(60)) {
            IntegrationDefinition d = def(okta.baseUrl(), "oauth");
            TokenCache tokens = new TokenCache();
            long now = System.currentTimeMillis();
            OktaSystemLog api = new OktaSystemLog();
            Page first =
                    api.fetch(
                            d,
                            IntegrationCursor.startingAt(start().toEpochMilli()),
                            call(d, pem(registered), tokens, now));
            assertThat(first.items).hasSize(10);
            IntegrationCursor cursor = IntegrationCursor.startingAt(0);
            cursor.next = first.next;
            Page second = api.fetch(d, cursor, call(d, pem(registered), tokens, now));
            assertThat(second.items).hasSize(10);
            assertThat(tokenRequests()).as("one token for both pages").isEqualTo(1);

            okta.expireTokens(); // Okta refuses the token: dropped, a new one, the page again
            assertThat(api.fetch(d, cursor, call(d, pem(registered), tokens, now)).items)
                    .hasSize(10);
            assertThat(tokenRequests()).isEqualTo(2);

            // the cached minute-long token is renewed 10% of its life before it runs out
            long afterExpiry = now + 55_000L;
            assertThat(api.fetch(d, cursor, call(d, pem(registered), tokens, afterExpiry)).items)
                    .hasSize(10);
            assertThat(tokenRequests()).as("renewed before a request is refused").isEqualTo(3);
            assertThat(asked).as("no log request was answered 401 after expiry").hasSize(8);
        }
    }

    @Test
    void theStandInRefusesAnExpiredToken() throws Exception {
        try (OktaStandIn okta = serviceApp(0)) { // tokens that are over when issued
            IntegrationDefinition d = def(okta.baseUrl(), "oauth");
            VendorCall c = call(d, pem(registered), new TokenCache(), System.currentTimeMillis());
            URI endpoint = URI.create(okta.baseUrl() + "/oauth2/v1/token");
            String token = c.oauthTokenSignedByKey(endpoint, "okta.logs.read");
            assertThat(logs(okta, "Bearer " + token).statusCode()).isEqualTo(401);
            assertThat(logs(okta, "SSWS ssws-token").statusCode()).isEqualTo(200);
            assertThat(logs(okta, "Bearer made-up").statusCode()).isEqualTo(401);
        }
    }

    HttpResponse<String> logs(OktaStandIn okta, String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(okta.baseUrl() + "/api/v1/logs?limit=1"))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongOrUnreadableKeyIsAnAuthFailure() throws Exception {
        try (OktaStandIn okta = serviceApp(3600)) {
            IntegrationDefinition d = def(okta.baseUrl(), "oauth");
            IntegrationCursor cursor = IntegrationCursor.startingAt(start().toEpochMilli());
            long now = System.currentTimeMillis();
            for (String key : new String[] {pem(stranger), "not a key"}) {
                assertThatThrownBy(
                                () ->
                                        new OktaSystemLog()
                                                .fetch(
                                                        d,
                                                        cursor,
                                                        call(d, key, new TokenCache(), now)))
                        .isInstanceOfSatisfying(
                                VendorException.class,
                                e ->
                                        assertThat(e.kind)
                                                .isEqualTo(VendorException.Kind.AUTH_FAILED));
            }
            assertThat(okta.served()).isEmpty();
        }
    }

    @Test
    void theTokenEndpointChecksAudienceExpiryAndReplay() throws Exception {
        try (OktaStandIn okta = serviceApp(3600)) {
            String endpoint = okta.baseUrl() + "/oauth2/v1/token";
            long now = System.currentTimeMillis();
            String good =
                    ClientAssertion.sign("0oa-coach", endpoint, null, registered.getPrivate(), now);
            assertThat(token(okta, good).statusCode()).isEqualTo(200);
            assertThat(token(okta, good).statusCode()).as("a jti used twice").isEqualTo(401);
            String otherAudience =
                    ClientAssertion.sign(
                            "0oa-coach",
                            "https://x.okta.com/oauth2/v1/token",
                            null,
                            registered.getPrivate(),
                            now);
            assertThat(token(okta, otherAudience).statusCode()).isEqualTo(401);
            String expired =
                    ClientAssertion.sign(
                            "0oa-coach", endpoint, null, registered.getPrivate(), now - 600_000);
            assertThat(token(okta, expired).statusCode()).isEqualTo(401);
            String otherClient =
                    ClientAssertion.sign("0oa-other", endpoint, null, registered.getPrivate(), now);
            assertThat(token(okta, otherClient).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void sswsStillWorksBesideTheServiceApp() throws Exception {
        try (OktaStandIn okta = serviceApp(3600)) {
            IntegrationDefinition d = def(okta.baseUrl(), "ssws");
            Page page =
                    new OktaSystemLog()
                            .fetch(
                                    d,
                                    IntegrationCursor.startingAt(start().toEpochMilli()),
                                    call(
                                            d,
                                            "ssws-token",
                                            new TokenCache(),
                                            System.currentTimeMillis()));
            assertThat(page.items).hasSize(10);
            assertThat(tokenRequests()).isZero();
        }
    }

    HttpResponse<String> token(OktaStandIn okta, String assertion) throws Exception {
        String form =
                "grant_type=client_credentials&scope=okta.logs.read&client_assertion_type="
                        + URLEncoder.encode(ClientAssertion.TYPE, StandardCharsets.UTF_8)
                        + "&client_assertion="
                        + assertion;
        return http.send(
                HttpRequest.newBuilder(URI.create(okta.baseUrl() + "/oauth2/v1/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
