package io.securitycoach.integrations.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.integrations.ClientAssertion;
import io.securitycoach.integrations.IntegrationCursor;
import io.securitycoach.integrations.IntegrationDefinition;
import io.securitycoach.integrations.TokenCache;
import io.securitycoach.integrations.VendorCall;
import io.securitycoach.integrations.VendorException;
import io.securitycoach.notify.channels.Reply;
import io.securitycoach.notify.channels.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Okta client as a service app against scripted answers: the token request it makes. */
class OktaSystemLogOAuthTest {
    static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    final List<Request> asked = new ArrayList<>();
    final List<String> resolved = new ArrayList<>();
    final Deque<Reply> answers = new ArrayDeque<>();

    static IntegrationDefinition def() {
        IntegrationDefinition d = new IntegrationDefinition();
        d.orgId = "acme";
        d.vendor = OktaSystemLog.NAME;
        d.baseUrl = "https://acme.okta.com";
        d.auth = "oauth";
        d.clientId = "0oa-coach";
        d.secretRef = "file:orgs/acme/okta-key.pem";
        d.pageSize = 100;
        return d;
    }

    static String pem() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
    }

    VendorCall call(String key) {
        return new VendorCall(
                def(),
                r -> {
                    asked.add(r);
                    return CompletableFuture.completedFuture(answers.poll());
                },
                ref -> {
                    resolved.add(ref);
                    return key;
                },
                new TokenCache(),
                Duration.ofSeconds(1),
                NOW);
    }

    @Test
    void asksForALogsTokenWithASignedAssertionAndNoSecret() throws Exception {
        String key = pem();
        answers.add(
                new Reply(
                        200,
                        "{\"token_type\": \"Bearer\", \"expires_in\": 3600, \"access_token\":"
                                + " \"at-1\", \"scope\": \"okta.logs.read\"}",
                        -1));
        answers.add(
                new Reply(
                        200,
                        "[]",
                        -1,
                        Map.of(
                                "link",
                                "<https://acme.okta.com/api/v1/logs?after=x>; rel=\"next\"")));
        new OktaSystemLog().fetch(def(), IntegrationCursor.startingAt(NOW - 60_000), call(key));
        assertThat(resolved).containsExactly("file:orgs/acme/okta-key.pem");
        Request token = asked.get(0);
        assertThat(token.uri.toString()).isEqualTo("https://acme.okta.com/oauth2/v1/token");
        String form = URLDecoder.decode(token.body, StandardCharsets.UTF_8);
        assertThat(form)
                .contains("grant_type=client_credentials")
                .contains("scope=okta.logs.read")
                .contains("client_assertion_type=" + ClientAssertion.TYPE)
                .contains("client_assertion=ey")
                .doesNotContain("client_secret")
                .doesNotContain("PRIVATE KEY");
        assertThat(token.headers).doesNotContainKey("Authorization");
        assertThat(asked.get(1).headers).containsEntry("Authorization", "Bearer at-1");
    }

    @Test
    void aRefusedTokenRequestIsAnAuthFailureNamingOktasErrorCode() throws Exception {
        answers.add(
                new Reply(
                        400,
                        "{\"error\": \"invalid_dpop_proof\", \"error_description\": \"The DPoP"
                                + " proof JWT header is missing.\"}",
                        -1));
        assertThatThrownBy(
                        () ->
                                new OktaSystemLog()
                                        .fetch(
                                                def(),
                                                IntegrationCursor.startingAt(NOW - 60_000),
                                                call(pem())))
                .isInstanceOfSatisfying(
                        VendorException.class,
                        e -> {
                            assertThat(e.kind).isEqualTo(VendorException.Kind.AUTH_FAILED);
                            assertThat(e.getMessage()).contains("invalid_dpop_proof");
                        });
    }
}
