package io.securitycoach.jobs.wiring.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KinesisRecordsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventRecordsCarryTheirStreamsOrgAndVendorAndWhereTheyCameFrom() {
        EventStreamTags tags =
                EventStreamTags.from(
                        CoachConfig.of(
                                Map.of(
                                        "Events",
                                        Map.of(
                                                "kinesis.streams",
                                                "okta-acme=acme/okta,mixed=globex/auto"))));
        RawEvent e =
                new EventRecords(tags)
                        .deserialize(
                                utf8("{\"uuid\":\"1\"}"),
                                "pk",
                                "4963",
                                1_000L,
                                "mixed",
                                "shardId-000000000001");
        assertThat(e.orgId).isEqualTo("globex");
        assertThat(e.vendor).isEqualTo("auto");
        assertThat(e.payload).isEqualTo("{\"uuid\":\"1\"}");
        assertThat(e.origin).isEqualTo("kinesis:mixed/shardId-000000000001/4963");
        assertThat(e.ingestTime).isEqualTo(1_000L);
    }

    /** Issue 28: a record that names another org in its content is still its stream's org's. */
    @Test
    void theOrgIsTheStreamsWhateverTheRecordClaims() {
        EventStreamTags tags =
                EventStreamTags.from(
                        CoachConfig.of(
                                Map.of(
                                        "Events",
                                        Map.of("kinesis.streams", "okta-acme=acme/okta"))));
        String claimsGlobex =
                "{\"org_id\": \"globex\", \"orgId\": \"globex\", \"uuid\": \"u-1\","
                        + " \"published\": \"2026-11-20T08:01:20.049Z\", \"eventType\":"
                        + " \"user.session.start\", \"actor\": {\"type\": \"User\","
                        + " \"alternateId\": \"ann@globex.example\"}, \"outcome\":"
                        + " {\"result\": \"SUCCESS\"}}";
        EventRecords records = new EventRecords(tags);

        RawEvent raw =
                records.deserialize(utf8(claimsGlobex), "globex", "1", 0L, "okta-acme", "shard-0");
        EventNormalizer.Result result = new EventNormalizer().normalize(raw, 1_795_300_000_000L);

        assertThat(raw.orgId).isEqualTo("acme");
        assertThat(result.event).as(String.valueOf(result.deadLetter)).isNotNull();
        assertThat(result.event.orgId).isEqualTo("acme");
        RawEvent unconfigured =
                records.deserialize(utf8(claimsGlobex), "pk", "2", 0L, "other", "shard-0");
        assertThat(unconfigured.orgId).isNull();
        assertThat(new EventNormalizer().normalize(unconfigured, 0L).deadLetter.reason)
                .isEqualTo("missing_org");
    }

    @Test
    void controlRecordsAreReadOrAnsweredAsUnreadable() {
        ControlRecords records = new ControlRecords();
        ControlMessage ok =
                records.deserialize(
                        utf8(
                                "{\"type\":\"rule_disable\",\"org_id\":\"acme\",\"rule_id\":\"gambling-site\","
                                    + "\"version\":7,\"source\":\"rules-api\"}"),
                        "pk",
                        "11",
                        0,
                        "control",
                        "shard-0");
        assertThat(ok.type).isEqualTo(ControlMessage.RULE_DISABLE);
        assertThat(ok.orgId + "/" + ok.ruleId + " v" + ok.version)
                .isEqualTo("acme/gambling-site v7");
        assertThat(ok.source).isEqualTo("rules-api (kinesis:control/11)");

        ControlMessage bad =
                records.deserialize(utf8("{not json"), "pk", "12", 0, "control", "shard-0");
        assertThat(bad.type).isEqualTo(ControlMessage.UNREADABLE);
        assertThat(bad.source).isEqualTo("kinesis:control/12");
        assertThat(bad.payload).isNotBlank().doesNotContain("\n");

        ControlMessage two =
                records.deserialize(
                        utf8("{\"type\":\"snapshot_end\"} {\"type\":\"rule_delete\"}"),
                        "pk",
                        "13",
                        0,
                        "control",
                        "shard-0");
        assertThat(two.type)
                .as("a second message in the record is not dropped silently")
                .isEqualTo(ControlMessage.UNREADABLE);
        assertThat(two.payload).startsWith("more than one JSON value");
    }

    /** Issue 28: an org's own stream speaks for that org only; the org in the body is checked. */
    @Test
    void anOrgsOwnControlStreamSpeaksOnlyForThatOrg() {
        ControlChannels channels =
                ControlChannels.from(
                        CoachConfig.of(
                                Map.of(
                                        "Rules",
                                        Map.of(
                                                "kinesis.stream",
                                                "operator-control",
                                                "kinesis.org-streams",
                                                "evil-control=evil,acme-control=acme"))));
        assertThat(channels.streams())
                .containsExactly("operator-control", "evil-control", "acme-control");
        ControlRecords records = new ControlRecords(channels);
        String forAcme =
                "{\"type\":\"rule_disable\",\"org_id\":\"acme\",\"rule_id\":\"gambling-site\",\"version\":7}";

        ControlMessage fromEvil =
                records.deserialize(utf8(forAcme), "pk", "1", 0, "evil-control", "shard-0");
        assertThat(fromEvil.type).isEqualTo(ControlMessage.REFUSED);
        assertThat(fromEvil.orgId).as("answered to the sender").isEqualTo("evil");
        assertThat(fromEvil.reasons())
                .containsExactly(
                        "org_id: this channel speaks for org 'evil' only; the message names org"
                                + " 'acme'");
        assertThat(records.deserialize(utf8(forAcme), "pk", "2", 0, "acme-control", "s").type)
                .isEqualTo(ControlMessage.RULE_DISABLE);
        assertThat(records.deserialize(utf8(forAcme), "pk", "3", 0, "operator-control", "s").type)
                .as("the operator's stream may speak for any org")
                .isEqualTo(ControlMessage.RULE_DISABLE);

        ControlMessage forgedRefusal =
                records.deserialize(
                        utf8("{\"type\":\"refused\",\"org_id\":\"evil\",\"payload\":\"x\"}"),
                        "pk",
                        "4",
                        0,
                        "evil-control",
                        "s");
        assertThat(forgedRefusal.reasons())
                .containsExactly(
                        "type: 'refused' is the job's own, never read from a control channel");
        ControlMessage garbage =
                records.deserialize(utf8("{not json"), "pk", "5", 0, "evil-control", "s");
        assertThat(garbage.type + " " + garbage.orgId).isEqualTo("unreadable evil");
    }

    @Test
    void orgStreamsAreCheckedAtStart() {
        for (String bad : new String[] {"x", "s=../acme", "s=acme,s=globex", "ops=acme"}) {
            assertThatThrownBy(
                            () ->
                                    ControlChannels.from(
                                            CoachConfig.of(
                                                    Map.of(
                                                            "Rules",
                                                            Map.of(
                                                                    "kinesis.stream",
                                                                    "ops",
                                                                    "kinesis.org-streams",
                                                                    bad)))))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Rules.kinesis.org-streams");
        }
    }

    @Test
    void connectionUsesStaticKeysOnlyWhenGivenElseTheDefaultChain() {
        Properties local =
                KinesisStreams.connection(
                        CoachConfig.of(
                                Map.of(
                                        "Kinesis",
                                        Map.of(
                                                "endpoint",
                                                "http://127.0.0.1:4567",
                                                "access-key",
                                                "a",
                                                "secret-key",
                                                "s",
                                                "region",
                                                "eu-west-1"))));
        assertThat(local)
                .containsEntry("aws.credentials.provider", "BASIC")
                .containsEntry("aws.endpoint", "http://127.0.0.1:4567")
                .containsEntry("aws.region", "eu-west-1");
        Properties aws =
                KinesisStreams.connection(
                        CoachConfig.of(Map.of("Kinesis", Map.of("region", "ap-southeast-2"))));
        assertThat(aws)
                .containsEntry("aws.credentials.provider", "AUTO")
                .containsEntry("aws.region", "ap-southeast-2")
                .doesNotContainKey("aws.endpoint");
    }
}
