package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The private_key_jwt client assertion: claims, an RS256 signature the public key verifies. */
class ClientAssertionTest {
    static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    static final String TOKEN_URL = "https://acme.okta.com/oauth2/v1/token";
    static KeyPair keys;
    static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keys = rsa.generateKeyPair();
        other = rsa.generateKeyPair();
    }

    /** The PEM PKCS#8 text of a private key, as Okta's console and openssl give it. */
    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static JsonNode part(String jwt, int i) throws Exception {
        return Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]));
    }

    static boolean verifies(String jwt, KeyPair pair) throws Exception {
        int dot = jwt.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(pair.getPublic());
        rs256.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }

    @Test
    void claimsNameTheClientAndTheTokenEndpointAndExpireSoon() throws Exception {
        String jwt =
                ClientAssertion.sign(
                        "0oa-client",
                        TOKEN_URL,
                        "kid-1",
                        ClientAssertion.privateKey(pem(keys)),
                        NOW);
        assertThat(jwt.split("\\.")).hasSize(3);
        JsonNode header = part(jwt, 0);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo("kid-1");
        JsonNode claims = part(jwt, 1);
        assertThat(claims.path("iss").asText()).isEqualTo("0oa-client");
        assertThat(claims.path("sub").asText()).isEqualTo("0oa-client");
        assertThat(claims.path("aud").asText()).isEqualTo(TOKEN_URL);
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW / 1000);
        long exp = claims.path("exp").asLong();
        assertThat(exp).isGreaterThan(NOW / 1000).isLessThanOrEqualTo(NOW / 1000 + 3600);
        assertThat(claims.path("jti").asText()).isNotBlank();
    }

    @Test
    void signatureVerifiesWithThePublicKeyOnly() throws Exception {
        String jwt =
                ClientAssertion.sign(
                        "0oa-client", TOKEN_URL, null, ClientAssertion.privateKey(pem(keys)), NOW);
        assertThat(verifies(jwt, keys)).isTrue();
        assertThat(verifies(jwt, other)).isFalse();
        assertThat(part(jwt, 0).has("kid")).as("no key id given, none sent").isFalse();
    }

    @Test
    void everyAssertionHasItsOwnJti() throws Exception {
        String a = ClientAssertion.sign("c", TOKEN_URL, null, keys.getPrivate(), NOW);
        String b = ClientAssertion.sign("c", TOKEN_URL, null, keys.getPrivate(), NOW);
        assertThat(part(a, 1).path("jti").asText()).isNotEqualTo(part(b, 1).path("jti").asText());
    }

    @Test
    void anUnreadableKeyIsAnAuthFailureThatDoesNotEchoTheKey() {
        String pkcs1 =
                pem(keys)
                        .replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
                        .replace("END PRIVATE KEY", "END RSA PRIVATE KEY");
        for (String bad : new String[] {"not a key", "", pkcs1.substring(0, 200), null}) {
            assertThatThrownBy(() -> ClientAssertion.privateKey(bad))
                    .isInstanceOfSatisfying(
                            VendorException.class,
                            e -> {
                                assertThat(e.kind).isEqualTo(VendorException.Kind.AUTH_FAILED);
                                assertThat(e.getMessage()).doesNotContain("MII");
                            });
        }
    }
}
