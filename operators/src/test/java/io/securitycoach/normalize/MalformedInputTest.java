package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad record ends as a dead letter with the right reason, never as an exception. */
class MalformedInputTest {
    private static final long NOW = VendorFixturesTest.NOW;
    private static final String OKTA_OK =
            "{\"uuid\":\"u1\",\"published\":\"2026-11-20T09:00:00Z\",\"eventType\":\"user.session.start\","
                + "\"actor\":{\"alternateId\":\"a@acme.com\"},\"outcome\":{\"result\":\"SUCCESS\"}}";

    private final EventNormalizer normalizer = new EventNormalizer(VendorRegistry.builtIn(), 4096);

    private DeadLetter deadLetter(String vendor, String payload) {
        EventNormalizer.Result r =
                normalizer.normalize(new RawEvent("acme", vendor, payload, "test:1", NOW), NOW);
        assertThat(r.event).as("should not normalize: " + payload).isNull();
        return r.deadLetter;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "okta | {\"uuid\": \"x\", \"published\": | invalid_json",
                "okta | not json | invalid_json",
                "okta | [1, 2, 3] | not_an_object",
                "okta | \"just a string\" | not_an_object",
                "fortinet | {\"a\": 1} | unknown_vendor",
                "auto | {\"ts\": 1, \"msg\": \"unknown product\"} | unrecognized_format",
                "zscaler | {\"eventType\": \"x\", \"published\": \"2026-11-20T09:00:00Z\","
                        + " \"actor\": {}} | unrecognized_format",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":null,\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}"
                    + " | missing_time",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":\"yesterday\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}"
                    + " | invalid_time",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":\"1970-01-02T00:00:00Z\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}"
                    + " | absurd_time",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":\"2099-01-01T00:00:00Z\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}"
                    + " | absurd_time",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":\"2026-11-20T09:00:00Z\",\"eventType\":\"user.session.start\",\"actor\":{\"type\":\"User\"}}"
                    + " | missing_identity",
                "okta |"
                    + " {\"uuid\":\"u\",\"published\":\"2026-11-20T09:00:00Z\",\"eventType\":\"user.session.start\",\"actor\":\"someone\"}"
                    + " | wrong_type",
                "zscaler |"
                    + " {\"urlcategory\":\"News\",\"epochtime\":\"yesterday\",\"user\":\"a@acme.com\"}"
                    + " | invalid_time",
                "zscaler |"
                    + " {\"urlcategory\":\"News\",\"datetime\":\"20/11/2026\",\"user\":\"a@acme.com\"}"
                    + " | invalid_time",
                "zscaler | {\"urlcategory\":\"News\",\"epochtime\":1795170000,\"user\":\"None\"} |"
                        + " missing_identity"
            })
    void badRecordBecomesADeadLetter(String vendor, String payload, String reason) {
        DeadLetter dl = deadLetter(vendor, payload);
        assertThat(dl.reason).isEqualTo(reason);
        assertThat(dl.stage).isEqualTo("normalize");
        assertThat(dl.vendor).isEqualTo(vendor);
        assertThat(dl.orgId).isEqualTo("acme");
        assertThat(dl.raw).isEqualTo(payload);
        assertThat(dl.message).isNotBlank();
    }

    @Test
    void oversizedRecordIsRejectedBeforeParsing() {
        String big =
                OKTA_OK.substring(0, OKTA_OK.length() - 1)
                        + ",\"pad\":\""
                        + "x".repeat(5000)
                        + "\"}";
        DeadLetter dl = deadLetter("okta", big);
        assertThat(dl.reason).isEqualTo(Reasons.RECORD_TOO_LARGE);
    }

    @Test
    void deepNestingIsRejectedByTheParser() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThat(deadLetter("okta", deep).reason).isEqualTo(Reasons.INVALID_JSON);
    }

    @Test
    void missingOrgIsADeadLetter() {
        EventNormalizer.Result r =
                normalizer.normalize(new RawEvent(null, "okta", OKTA_OK, "test:1", NOW), NOW);
        assertThat(r.deadLetter.reason).isEqualTo(Reasons.MISSING_ORG);
    }

    @Test
    void rawBytesInADeadLetterAreCapped() {
        EventNormalizer lenient =
                new EventNormalizer(VendorRegistry.builtIn(), 10 * DeadLetter.MAX_RAW_CHARS);
        String huge = "x".repeat(3 * DeadLetter.MAX_RAW_CHARS);
        DeadLetter dl =
                lenient.normalize(new RawEvent("acme", "okta", huge, "t", NOW), NOW).deadLetter;
        assertThat(dl.reason).isEqualTo(Reasons.INVALID_JSON);
        assertThat(dl.raw).hasSize(DeadLetter.MAX_RAW_CHARS);
    }

    @Test
    void validRecordStillNormalizes() {
        EventNormalizer.Result r =
                normalizer.normalize(new RawEvent("acme", "okta", OKTA_OK, "test:1", NOW), NOW);
        assertThat(r.deadLetter).isNull();
        assertThat(r.event.identityKey).isEqualTo("a@acme.com");
    }
}
