package io.securitycoach.integrations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * The OAuth 2.0 client assertion of {@code private_key_jwt} (RFC 7523), as Okta's service apps
 * authenticate: a JWT signed RS256 with the app's private key, {@code iss} = {@code sub} = the
 * client id, {@code aud} = the token endpoint, a short {@code exp} and a unique {@code jti}. Built
 * with the JDK alone; the key is used for one signature and never kept.
 */
public final class ClientAssertion {
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Okta refuses assertions living longer than an hour; five minutes is plenty for one call. */
    static final long LIFETIME_SECONDS = 300;

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {}

    /** A signed assertion for {@code clientId} at {@code tokenEndpoint}, issued at {@code now}. */
    public static String sign(
            String clientId, String tokenEndpoint, String keyId, PrivateKey key, long now)
            throws VendorException {
        ObjectNode header = Json.mapper().createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        long iat = now / 1000;
        ObjectNode claims =
                Json.mapper()
                        .createObjectNode()
                        .put("iss", clientId)
                        .put("sub", clientId)
                        .put("aud", tokenEndpoint)
                        .put("iat", iat)
                        .put("exp", iat + LIFETIME_SECONDS)
                        .put("jti", UUID.randomUUID().toString());
        String signingInput = part(header.toString()) + "." + part(claims.toString());
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new VendorException(
                    VendorException.Kind.AUTH_FAILED, "the private key cannot sign RS256");
        }
    }

    /**
     * An RSA private key from PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}); anything else is
     * refused without echoing it (it is a secret).
     */
    public static PrivateKey privateKey(String pem) throws VendorException {
        String body =
                pem == null
                        ? ""
                        : pem.replace("-----BEGIN PRIVATE KEY-----", "")
                                .replace("-----END PRIVATE KEY-----", "")
                                .replaceAll("\\s", "");
        try {
            PrivateKey key =
                    KeyFactory.getInstance("RSA")
                            .generatePrivate(
                                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            if (key instanceof RSAPrivateKey
                    && ((RSAPrivateKey) key).getModulus().bitLength() >= 2048) {
                return key;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // answered below
        }
        throw new VendorException(
                VendorException.Kind.AUTH_FAILED,
                "the private key is not a PEM PKCS#8 RSA key of at least 2048 bits");
    }

    private static String part(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
