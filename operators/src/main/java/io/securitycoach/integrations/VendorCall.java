package io.securitycoach.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.control.TenantSecretPolicy;
import io.securitycoach.notify.DestinationGuard;
import io.securitycoach.notify.SecretResolver;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import io.securitycoach.notify.channels.Transport;
import io.securitycoach.schema.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a vendor API may do during one poll of one integration: blocking HTTP through the
 * SSRF-guarded transport with a strict timeout, the org's own secret (checked to be the org's,
 * resolved, never kept), and an OAuth token cached in memory until it expires or the vendor refuses
 * it.
 */
public final class VendorCall {

    /** A secret lookup: the notifier's {@link SecretResolver} outside tests. */
    @FunctionalInterface
    public interface Secrets {
        String resolve(String ref) throws SecretResolver.SecretUnavailableException;
    }

    private final IntegrationDefinition def;
    private final Transport transport;
    private final Secrets secrets;
    private final TokenCache tokens;
    private final Duration timeout;
    private final long now;
    private final PageAcknowledgements acknowledgements;

    public VendorCall(
            IntegrationDefinition def,
            Transport transport,
            Secrets secrets,
            TokenCache tokens,
            Duration timeout,
            long now) {
        this(def, transport, secrets, tokens, timeout, now, PageAcknowledgements.unchecked());
    }

    /**
     * @param acknowledgements which pages of vendor-side cursors are in a completed checkpoint
     */
    public VendorCall(
            IntegrationDefinition def,
            Transport transport,
            Secrets secrets,
            TokenCache tokens,
            Duration timeout,
            long now,
            PageAcknowledgements acknowledgements) {
        this.def = def;
        this.transport = transport;
        this.secrets = secrets;
        this.tokens = tokens;
        this.timeout = timeout;
        this.now = now;
        this.acknowledgements = acknowledgements;
    }

    /** The poller task's book of vendor-side cursor pages (see {@link PageAcknowledgements}). */
    public PageAcknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** The poll's wall-clock time (epoch ms). */
    public long now() {
        return now;
    }

    /** A GET with the given headers; any answer is returned, a failure to get one is thrown. */
    public Reply get(URI uri, Map<String, String> headers) throws VendorException {
        Request request = Request.get(uri, timeout, false);
        headers.forEach(request::header);
        return send(request);
    }

    /** A POST of a JSON body (CrowdStrike's entity lookups). */
    public Reply postJson(URI uri, String json, Map<String, String> headers)
            throws VendorException {
        Request request = Request.post(uri, json, timeout, false);
        request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request);
    }

    /** A form POST (token endpoints). */
    public Reply postForm(URI uri, String form, Map<String, String> headers)
            throws VendorException {
        Request request = Request.post(uri, form, timeout, false);
        request.header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        return send(request);
    }

    private Reply send(Request request) throws VendorException {
        try {
            return transport
                    .send(request)
                    .get(3 * timeout.toMillis(), TimeUnit.MILLISECONDS); // per read x2, and DNS
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(VendorException.Kind.VENDOR_DOWN, "interrupted");
        } catch (TimeoutException e) {
            throw new VendorException(VendorException.Kind.VENDOR_DOWN, "no answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DestinationGuard.RefusedException) {
                throw new VendorException(VendorException.Kind.REFUSED, cause.getMessage());
            }
            throw new VendorException(
                    VendorException.Kind.VENDOR_DOWN,
                    "request failed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    /** The org's secret: only a reference in the org's own namespace is ever resolved. */
    public String secret() throws VendorException {
        if (def.secretRef == null || !TenantSecretPolicy.ownedBy(def.orgId, def.secretRef)) {
            throw new VendorException(
                    VendorException.Kind.AUTH_FAILED,
                    "the credential reference is not one of org " + def.orgId + "'s secrets");
        }
        try {
            return secrets.resolve(def.secretRef);
        } catch (SecretResolver.SecretUnavailableException e) {
            throw new VendorException(VendorException.Kind.AUTH_FAILED, e.getMessage());
        }
    }

    /**
     * A client-credentials access token from {@code tokenUri}: cached until shortly before it
     * expires; the client authenticates with HTTP basic auth, or in the form when {@code inForm};
     * without a scope (null) the form names none. 200 or 201 (CrowdStrike) carry the token.
     */
    public String oauthToken(URI tokenUri, String scope, boolean inForm) throws VendorException {
        String cached = tokens.get(def.key(), now);
        if (cached != null) {
            return cached;
        }
        String secret = secret();
        String form =
                "grant_type=client_credentials"
                        + (scope == null ? "" : "&scope=" + Urls.encode(scope))
                        + (inForm
                                ? "&client_id="
                                        + Urls.encode(def.clientId)
                                        + "&client_secret="
                                        + Urls.encode(secret)
                                : "");
        Map<String, String> headers =
                inForm ? Map.of() : Map.of("Authorization", basic(def.clientId, secret));
        return requestToken(tokenUri, form, headers);
    }

    /**
     * A client-credentials access token for which the client authenticates with a JWT signed by its
     * private key ({@code private_key_jwt}: Okta's service apps). The org's secret is the PEM
     * private key: resolved only when no cached token is valid, used for one signature, not kept.
     */
    public String oauthTokenSignedByKey(URI tokenUri, String scope) throws VendorException {
        String cached = tokens.get(def.key(), now);
        if (cached != null) {
            return cached;
        }
        String assertion =
                ClientAssertion.sign(
                        def.clientId,
                        tokenUri.toString(),
                        def.keyId,
                        ClientAssertion.privateKey(secret()),
                        now);
        String form =
                "grant_type=client_credentials&scope="
                        + Urls.encode(scope)
                        + "&client_assertion_type="
                        + Urls.encode(ClientAssertion.TYPE)
                        + "&client_assertion="
                        + assertion;
        return requestToken(tokenUri, form, Map.of());
    }

    private String requestToken(URI tokenUri, String form, Map<String, String> headers)
            throws VendorException {
        Reply reply = postForm(tokenUri, form, headers);
        if (reply.status == 400) {
            // RFC 6749's refusals of the client, grant or scope (and Okta's invalid_dpop_proof
            // when the app requires DPoP): a person must fix the credential or the app
            throw new VendorException(
                    VendorException.Kind.AUTH_FAILED,
                    "token request answered 400 " + oauthError(reply.body));
        }
        if (reply.status != 200 && reply.status != 201) {
            throw failure(reply, "token request", now);
        }
        JsonNode body = readJson(reply.body, "token answer");
        String token = body.path("access_token").asText(null);
        if (token == null) {
            throw new VendorException(VendorException.Kind.PROTOCOL, "token answer has no token");
        }
        long seconds = body.path("expires_in").asLong(300);
        tokens.put(def.key(), token, now, now + seconds * 1000L);
        return token;
    }

    /** The OAuth error code of a refusal, reduced to what is safe to report. */
    static String oauthError(String body) {
        String code;
        try {
            code = Json.mapper().readTree(body).path("error").asText("");
        } catch (Exception e) {
            code = "";
        }
        return code.matches("[a-z_]{1,40}") ? code : "(no OAuth error code)";
    }

    /** Forgets the cached token (the vendor refused it): the next request fetches a new one. */
    public void dropToken() {
        tokens.drop(def.key());
    }

    public static String basic(String user, String password) {
        String pair = (user == null ? "" : user) + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A link the vendor gave us may only lead back to the integration's own origin. */
    public URI sameOrigin(String link) throws VendorException {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new VendorException(VendorException.Kind.PROTOCOL, "unreadable next link");
        }
        URI base = URI.create(def.baseUrl);
        boolean same =
                base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                        && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                        && base.getPort() == uri.getPort()
                        && uri.getRawUserInfo() == null;
        if (!same) {
            throw new VendorException(
                    VendorException.Kind.REFUSED, "the next link leaves " + base.getHost());
        }
        return uri;
    }

    /** The failure an answer other than success means. */
    public static VendorException failure(Reply reply, String what, long now) {
        String said = what + " answered " + reply.status;
        if (reply.status == 401) {
            return new VendorException(VendorException.Kind.AUTH_FAILED, said);
        }
        if (reply.status == 403) {
            return new VendorException(VendorException.Kind.FORBIDDEN, said);
        }
        if (reply.status == 429) {
            return new VendorException(
                    VendorException.Kind.RATE_LIMITED, said, RateLimits.waitMillis(reply, now));
        }
        if (reply.status >= 500 || reply.status == 408) {
            return new VendorException(
                    VendorException.Kind.VENDOR_DOWN, said, reply.retryAfterMillis);
        }
        return new VendorException(VendorException.Kind.PROTOCOL, said);
    }

    public static JsonNode readJson(String body, String what) throws VendorException {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new VendorException(VendorException.Kind.PROTOCOL, what + " is not JSON");
        }
    }
}
