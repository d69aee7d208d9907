package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.Reasons;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedChannelTest {
    private static final String OKTA =
            "{\"uuid\": \"u-1\", \"published\": \"2026-11-02T09:00:00.000Z\","
                    + " \"eventType\": \"user.session.start\", \"actor\": {\"alternateId\":"
                    + " \"ana@initech.example\", \"type\": \"User\"}, \"outcome\": {\"result\":"
                    + " \"SUCCESS\"}}";

    private final SharedChannel anyOrg = new SharedChannel(null);

    private static RawEvent only(List<RawEvent> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void anEnvelopeGivesItsRecordExactlyAsWrittenWithTheEnvelopesOrgAndVendor() {
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"initech\", \"vendor\": \"okta\", \"record\": "
                                        + OKTA
                                        + "}",
                                "kinesis:shared/0/1",
                                7L));
        assertThat(r.orgId).isEqualTo("initech");
        assertThat(r.vendor).isEqualTo("okta");
        assertThat(r.payload).isEqualTo(OKTA);
        assertThat(r.origin).isEqualTo("kinesis:shared/0/1");
        assertThat(r.ingestTime).isEqualTo(7L);
        assertThat(r.rejectedReason).isNull();
    }

    @Test
    void theCustomersRecordCannotChangeTheOrgItNamesInsideTheEnvelope() {
        String record =
                "{\"org_id\": \"globex\", \"vendor\": \"zscaler\", \"record\": {\"org_id\":"
                        + " \"globex\"}, \"uuid\": \"u-2\"}";
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"record\": "
                                        + record
                                        + ", \"org_id\": \"acme\", \"vendor\": \"okta\"}",
                                "o",
                                0));
        assertThat(r.orgId).isEqualTo("acme");
        assertThat(r.vendor).isEqualTo("okta");
        assertThat(r.payload).isEqualTo(record);
    }

    @Test
    void anEventBridgeEventIsOpenedToItsDetail() {
        String event =
                "{\"version\": \"0\", \"id\": \"e-1\", \"detail-type\": \"SystemLog\", \"source\":"
                        + " \"aws.partner/okta.com/initech-example/coach\", \"account\":"
                        + " \"111122223333\", \"time\": \"2026-11-02T09:00:01Z\", \"region\":"
                        + " \"us-east-1\", \"resources\": [], \"detail\": "
                        + OKTA
                        + "}";
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"initech\", \"vendor\": \"okta\", \"record\": "
                                        + event
                                        + "}",
                                "o",
                                0));
        assertThat(r.payload).isEqualTo(OKTA);
        assertThat(new EventNormalizer().normalize(r, 1_800_000_000_000L).event)
                .as("the Okta normalizer reads the detail as it reads the System Log API")
                .isNotNull()
                .extracting(e -> e.actorEmail)
                .isEqualTo("ana@initech.example");
    }

    @Test
    void aRecordWithADetailButNotAnEventBridgeEventIsKeptWhole() {
        String record = "{\"detail\": {\"a\": 1}, \"source\": \"x\"}";
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"acme\", \"vendor\": \"auto\", \"record\": "
                                        + record
                                        + "}",
                                "o",
                                0));
        assertThat(r.payload).isEqualTo(record);
    }

    @Test
    void aPushedBatchIsOneRecordPerLine() {
        List<RawEvent> records =
                anyOrg.open(
                        "{\"org_id\": \"acme\", \"vendor\": \"zscaler\", \"record\":"
                                + " \"{\\\"a\\\": 1}\\n\\n{\\\"b\\\": [2]}\\r\\nnot json\\n\"}",
                        "api:req-1",
                        0);
        assertThat(records)
                .extracting(r -> r.orgId + "|" + r.vendor + "|" + r.payload + "|" + r.origin)
                .containsExactly(
                        "acme|zscaler|{\"a\": 1}|api:req-1:1",
                        "acme|zscaler|{\"b\": [2]}|api:req-1:3",
                        "acme|zscaler|not json|api:req-1:4");
    }

    @Test
    void anEmptyBatchIsADeadLetterNotNothing() {
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"acme\", \"vendor\": \"zscaler\", \"record\": \" \\n"
                                        + "\"}",
                                "o",
                                0));
        assertThat(r.rejectedReason).isEqualTo(Reasons.EMPTY_PAGE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[1, 2]",
                "\"text\"",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\"}",
                "{\"org_id\": \"acme\", \"record\": {}}",
                "{\"vendor\": \"okta\", \"record\": {}}",
                "{\"org_id\": 7, \"vendor\": \"okta\", \"record\": {}}",
                "{\"org_id\": \"acme\", \"vendor\": null, \"record\": {}}",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": 3}",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": null}",
                "{\"org_id\": \"acme\", \"vendor\": \"../okta\", \"record\": {}}",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": {}, \"org\": \"x\"}",
                "{\"org_id\": \"acme\", \"org_id\": \"globex\", \"vendor\": \"okta\", \"record\":"
                        + " {}}",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": {}} {\"org_id\":"
                        + " \"globex\"}",
                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": {\"a\": }"
            })
    void anUnreadableEnvelopeIsRejectedWithNoOrg(String envelope) {
        RawEvent r = only(anyOrg.open(envelope, "kinesis:shared/0/9", 0));
        assertThat(r.rejectedReason).isEqualTo(Reasons.INVALID_ENVELOPE);
        assertThat(r.rejectedMessage).isNotBlank();
        assertThat(r.orgId).isNull();
        assertThat(r.payload).isEqualTo(envelope);
        assertThat(new EventNormalizer().normalize(r, 0).deadLetter.reason)
                .isEqualTo(Reasons.INVALID_ENVELOPE);
    }

    @Test
    void anOrgIdIsCheckedLikeEveryOtherOrgId() {
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"Acme/../globex\", \"vendor\": \"okta\", \"record\":"
                                        + " "
                                        + OKTA
                                        + "}",
                                "o",
                                0));
        assertThat(new EventNormalizer().normalize(r, 1_800_000_000_000L).deadLetter.reason)
                .isEqualTo(Reasons.INVALID_ORG);
    }

    @Test
    void anUnknownVendorIsTheNormalizersUnknownVendor() {
        RawEvent r =
                only(
                        anyOrg.open(
                                "{\"org_id\": \"acme\", \"vendor\": \"nosuchvendor\", \"record\": "
                                        + OKTA
                                        + "}",
                                "o",
                                0));
        assertThat(new EventNormalizer().normalize(r, 1_800_000_000_000L).deadLetter.reason)
                .isEqualTo(Reasons.UNKNOWN_VENDOR);
    }

    @Test
    void anOrgOffTheAllowListIsRejected() {
        SharedChannel channel = new SharedChannel(Set.of("acme", "globex"));
        RawEvent allowed =
                only(
                        channel.open(
                                "{\"org_id\": \"acme\", \"vendor\": \"okta\", \"record\": {}}",
                                "o",
                                0));
        RawEvent refused =
                only(
                        channel.open(
                                "{\"org_id\": \"initech\", \"vendor\": \"okta\", \"record\": {}}",
                                "o",
                                0));
        assertThat(allowed.rejectedReason).isNull();
        assertThat(refused.rejectedReason).isEqualTo(Reasons.ORG_NOT_ALLOWED);
        assertThat(refused.orgId).as("not attributed to the org it claims").isNull();
        assertThat(refused.rejectedMessage).contains("initech");
    }

    @Test
    void aPartitionKeyNamesOrgAndVendor() {
        RawEvent r = anyOrg.fromPartitionKey("acme/okta/shard-7", OKTA, "kinesis:s/0/1", 3);
        assertThat(r.orgId + "/" + r.vendor).isEqualTo("acme/okta");
        assertThat(r.payload).isEqualTo(OKTA);
        for (String bad : new String[] {"acme", "", "acme/", "acme/../x"}) {
            assertThat(anyOrg.fromPartitionKey(bad, OKTA, "o", 0).rejectedReason)
                    .as(bad)
                    .isEqualTo(Reasons.INVALID_ENVELOPE);
        }
        assertThat(
                        new SharedChannel(Set.of("globex"))
                                .fromPartitionKey("acme/okta", OKTA, "o", 0)
                                .rejectedReason)
                .isEqualTo(Reasons.ORG_NOT_ALLOWED);
    }

    @Test
    void onlySealedRecordsAreOpened() {
        assertThat(SharedChannel.isSealed(SharedChannel.sealed("{}", "o", 0))).isTrue();
        assertThat(SharedChannel.isSealed(new RawEvent("acme", "okta", "{}", "o", 0))).isFalse();
        assertThat(
                        SharedChannel.isSealed(
                                new RawEvent("acme", SharedChannel.ENVELOPE, "{}", "o", 0)))
                .as("a drop folder named like the marker is not an envelope")
                .isFalse();
    }

    @Test
    void netskopeLogStreamingLinesAsTheLandingFunctionWrapsThemNormalize() {
        // Log Streaming's JSON lines: the REST API's fields, numbers as numbers (invented values)
        String alert =
                "{\"_id\":\"5c1d2e3f4a5b6c7d8e9f0a1b\",\"alert\":\"yes\",\"alert_type\":"
                        + "\"malsite\",\"alert_name\":\"Block known bad sites\",\"action\":"
                        + "\"block\",\"type\":\"nspolicy\",\"timestamp\":1795000000,"
                        + "\"user\":\"rin.tanaka@initech.example\",\"ur_normalized\":"
                        + "\"rin.tanaka@initech.example\",\"url\":\"http://bad.invalid/x\","
                        + "\"domain\":\"bad.invalid\",\"srcip\":\"192.0.2.10\","
                        + "\"access_method\":\"Client\"}";
        String envelope =
                "{\"org_id\": \"initech\", \"vendor\": \"netskope\", \"record\": "
                        + Json.write(alert)
                        + "}";
        RawEvent r = only(anyOrg.open(envelope, "s3://data/shared/netskope/x.jsonl.gz:1", 0));
        EventNormalizer.Result result = new EventNormalizer().normalize(r, 1_800_000_000_000L);
        assertThat(result.deadLetter).isNull();
        assertThat(result.event.actorEmail).isEqualTo("rin.tanaka@initech.example");
        assertThat(result.event.orgId).isEqualTo("initech");
    }
}
