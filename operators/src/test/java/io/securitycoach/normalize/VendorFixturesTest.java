package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Each vendor fixture: an input record and the normalized event it must become (raw fields checked apart). */
class VendorFixturesTest {
    static final long NOW = 1795300000000L;

    @ParameterizedTest(name = "{0}/{1} as {2}")
    @CsvSource({
            "okta, deny-push, okta",
            "okta, account-lock, auto",
            "zscaler, malware-blocked, zscaler",
            "zscaler, gambling-datetime-only, auto",
            "proofpoint, click-permitted, proofpoint",
            "proofpoint, message-delivered, auto",
            "crowdstrike, detection-summary, crowdstrike",
            "crowdstrike, auth-audit, auto",
            "netskope, dlp-upload, auto",
            "defender, alert-v2, defender"})
    void normalizesFixture(String vendor, String name, String claimedVendor) throws Exception {
        String input = resource("/fixtures/" + vendor + "/" + name + ".input.json").trim();
        JsonNode expected = Json.mapper().readTree(resource("/fixtures/" + vendor + "/" + name + ".expected.json"));

        EventNormalizer.Result result = new EventNormalizer()
                .normalize(new RawEvent("acme", claimedVendor, input, "fixture:1", NOW), NOW);

        assertThat(result.deadLetter).as("dead letter").isNull();
        ObjectNode actual = Json.mapper().valueToTree(result.event);
        assertThat(actual.remove("raw")).as("vendor fields kept in raw").isNotEmpty();
        if (!expected.has("event_uid")) {
            assertThat(actual.remove("event_uid").asText()).startsWith(vendor + ":").hasSize(vendor.length() + 41);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = VendorFixturesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
