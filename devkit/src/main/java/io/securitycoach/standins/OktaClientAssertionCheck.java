package io.securitycoach.standins;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What Okta's org authorization server checks of a service app's {@code private_key_jwt} client
 * assertion: the assertion type, an RS256 signature by the registered public key, {@code iss} =
 * {@code sub} = the client id, {@code aud} = the token endpoint, an {@code exp} in the future and
 * at most an hour away, and a {@code jti} not seen before.
 */
final class OktaClientAssertionCheck {
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientId;
    private final PublicKey publicKey;
    private final Set<String> seenJtis = new HashSet<>();

    OktaClientAssertionCheck(String clientId, PublicKey publicKey) {
        this.clientId = clientId;
        this.publicKey = publicKey;
    }

    /** Null when the form's assertion authenticates the client, else Okta's reason. */
    synchronized String problem(Map<String, String> form, String tokenEndpoint, long nowMillis) {
        if (!TYPE.equals(form.get("client_assertion_type"))) {
            return "client_assertion_type must be " + TYPE;
        }
        String[] parts = String.valueOf(form.get("client_assertion")).split("\\.", -1);
        if (parts.length != 3) {
            return "the client assertion is not a JWT";
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
            if (!"RS256".equals(header.path("alg").asText())
                    || !verifies(parts[0] + "." + parts[1], parts[2])) {
                return "the client assertion's signature is invalid";
            }
        } catch (Exception e) {
            return "the client assertion cannot be read";
        }
        return claimsProblem(claims, tokenEndpoint, nowMillis / 1000);
    }

    private String claimsProblem(JsonNode claims, String tokenEndpoint, long now) {
        if (!clientId.equals(claims.path("iss").asText())
                || !clientId.equals(claims.path("sub").asText())) {
            return "iss and sub must be the client id";
        }
        if (!tokenEndpoint.equals(claims.path("aud").asText())) {
            return "aud must be the token endpoint";
        }
        long exp = claims.path("exp").asLong(0);
        if (exp <= now || exp > now + 3600) {
            return "the client assertion has expired or lives over an hour";
        }
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty() || !seenJtis.add(jti)) {
            return "the jti is missing or was used before";
        }
        return null;
    }

    private boolean verifies(String signed, String signature) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(signature));
    }

    private static JsonNode json(String part) throws Exception {
        return Json.mapper()
                .readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
