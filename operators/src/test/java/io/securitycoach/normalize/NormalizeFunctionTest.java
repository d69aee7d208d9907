package io.securitycoach.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.control.ControlLimits;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class NormalizeFunctionTest {
    private static final Path SAMPLES =
            Paths.get(System.getProperty("coach.home", "..")).resolve("samples");

    private static BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new NormalizeFunction(),
                NormalizeFunction.PARSERS,
                NormalizeFunction.PARSERS_READY,
                NormalizeFunction.ORG_FEEDS);
    }

    private static String line(String file, int n) throws Exception {
        return Files.readAllLines(SAMPLES.resolve("vendors").resolve(file)).get(n);
    }

    private static List<String> deadLetters(
            BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h) {
        var out = h.getSideOutput(Tags.DEAD_LETTERS);
        return out == null
                ? List.of()
                : out.stream()
                        .map(r -> r.getValue().reason + "@" + r.getValue().origin)
                        .collect(Collectors.toList());
    }

    private static List<String> statuses(
            BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h) {
        return h.getSideOutput(Tags.RULE_STATUS).stream()
                .map(
                        r -> {
                            ControlStatus s = r.getValue();
                            return s.orgId
                                    + "/"
                                    + s.subjectId
                                    + " v"
                                    + s.version
                                    + " "
                                    + s.status
                                    + (s.errors.length > 0 ? " " + s.errors[0] : "");
                        })
                .collect(Collectors.toList());
    }

    @Test
    void goodRecordsGoOnAndBadOnesToTheDeadLetterOutput() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            String okta =
                    "{\"uuid\":\"u1\",\"published\":\""
                            + Instant.ofEpochMilli(now - 60_000)
                            + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"},\"outcome\":{\"result\":\"SUCCESS\"}}";
            h.processElement(new RawEvent("acme", "okta", okta, "f:1", now), now);
            h.processElement(new RawEvent("acme", "okta", "{broken", "f:2", now), now);

            assertThat(h.extractOutputValues()).extracting(e -> e.eventUid).containsExactly("u1");
            assertThat(deadLetters(h)).containsExactly("invalid_json@f:2");
        }
    }

    @Test
    void aPageBecomesOneOutcomePerRecordAndOneFeedSample() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            String okta =
                    "{\"uuid\":\"u%d\",\"published\":\""
                            + Instant.ofEpochMilli(now - 60_000)
                            + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"}}";
            String page =
                    "["
                            + String.format(okta, 1)
                            + ", {\"uuid\": \"u2\"}, "
                            + String.format(okta, 3)
                            + "]";
            h.processElement(new RawEvent("acme", "okta", page, "f:4", now), now);

            assertThat(h.extractOutputValues())
                    .extracting(e -> e.eventUid)
                    .containsExactly("u1", "u3");
            assertThat(deadLetters(h)).containsExactly("unrecognized_format@f:4#1");
            assertThat(h.getSideOutput(Tags.FEED_SAMPLES))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().feedKey()).isEqualTo("acme/okta");
                                assertThat(r.getValue().events).isEqualTo(2);
                                assertThat(r.getValue().badReasons)
                                        .containsExactly("unrecognized_format");
                            });
        }
    }

    @Test
    void anOrgsParserNormalizesItsFeedAndNoOtherOrgs() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            Files.readString(SAMPLES.resolve("parsers/mimecast-email.yaml")),
                            "mimecast-email.yaml"),
                    1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent(
                            "acme", "mimecast-email", line("mimecast-email.jsonl", 0), "m:1", now),
                    now);
            h.processElement(
                    new RawEvent("acme", "auto", line("mimecast-email.jsonl", 2), "m:3", now), now);
            h.processElement(
                    new RawEvent(
                            "globex",
                            "mimecast-email",
                            line("mimecast-email.jsonl", 0),
                            "g:1",
                            now),
                    now);

            List<SecurityEvent> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(
                            e ->
                                    e.vendor
                                            + " "
                                            + e.eventClass
                                            + " "
                                            + e.activity
                                            + " "
                                            + e.action
                                            + " "
                                            + e.actorEmail
                                            + " "
                                            + e.emailSender
                                            + " "
                                            + e.severity)
                    .containsExactly(
                            "mimecast-email email click_permitted allowed alice.martin@acme.com"
                                    + " billing@invoices-paypa1.example high",
                            "mimecast-email email rejected blocked carol.jones@acme.com"
                                    + " scanner@copier-mail.example critical");
            assertThat(out.get(1).threatName).isEqualTo("Trojan.Agent.XYZ");
            assertThat(deadLetters(h))
                    .as("another org cannot use acme's parser")
                    .containsExactly("unknown_vendor@g:1");
            assertThat(statuses(h)).containsExactly("acme/mimecast-email v1 accepted");
        }
    }

    private static String libraryLine(String vendor, int n) throws Exception {
        return Files.readAllLines(
                        SAMPLES.resolveSibling("parsers-library")
                                .resolve(vendor)
                                .resolve("fixtures.jsonl"))
                .get(n);
    }

    @Test
    void anOrgEnablesALibraryConfigurationByNameAndAutoPicksIt() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            "extends: duo-auth\norg: acme\nversion: 1\n", "acme-duo.yaml"),
                    1);
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            "extends: abnormal-threats\norg: acme\nversion: 1\n",
                            "acme-abnormal.yaml"),
                    2);
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            "extends: duo-authh\norg: acme\nversion: 1\n", "typo.yaml"),
                    3);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 4);
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent("acme", "auto", libraryLine("duo-auth", 0), "d:1", now), now);
            h.processElement(
                    new RawEvent("acme", "auto", libraryLine("abnormal-threats", 0), "a:1", now),
                    now);
            h.processElement(
                    new RawEvent("globex", "auto", libraryLine("duo-auth", 0), "g:1", now), now);

            List<SecurityEvent> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(e -> e.orgId + " " + e.vendor + " " + e.action + " " + e.actorEmail)
                    .containsExactly(
                            "acme duo-auth allowed ada.lane@northwind.example",
                            "acme abnormal-threats blocked ada.lane@northwind.example",
                            "acme abnormal-threats blocked bo.chen@northwind.example",
                            "acme abnormal-threats allowed cy.diaz@northwind.example");
            // one threat's messages: one event each, uids distinct and from the message ids
            assertThat(out.subList(1, 4))
                    .extracting(e -> e.eventUid)
                    .containsExactly(
                            "7d1c5a90-1f2e-4c3b-9a8d-000000000001:-4611686018427387001",
                            "7d1c5a90-1f2e-4c3b-9a8d-000000000001:-4611686018427387002",
                            "7d1c5a90-1f2e-4c3b-9a8d-000000000001:-4611686018427387003");
            assertThat(deadLetters(h))
                    .as("another org has not enabled it")
                    .containsExactly("unrecognized_format@g:1");
            assertThat(statuses(h))
                    .hasSize(3)
                    .contains("acme/duo-auth v1 accepted", "acme/abnormal-threats v1 accepted")
                    .anyMatch(
                            s ->
                                    s.startsWith("acme/duo-authh v0 rejected")
                                            && s.contains("neither a built-in vendor"));
        }
    }

    @Test
    void autoRecordsWaitForTheSnapshotThatMayEnableTheirConfiguration() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent("acme", "auto", libraryLine("duo-auth", 1), "d:2", now), now);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();

            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            "extends: duo-auth\norg: acme\nversion: 1\n", "acme-duo.yaml"),
                    1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.vendor + " " + e.threatName)
                    .containsExactly("duo-auth reported_push_fraud");
        }
    }

    @Test
    void anOrgsSettingsNameItsVerifiedDomainsAndItsFeedsTimeZone() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            String zscaler =
                    "{\"datetime\":\"2026-11-20 10:05:00\",\"user\":\"HPatel@corp.acme.com\","
                        + "\"urlcategory\":\"News\",\"url\":\"news.example/\",\"action\":\"Allowed\"}";
            long now = System.currentTimeMillis();
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 1);
            h.processElement(new RawEvent("acme", "zscaler", zscaler, "z:1", now), now);
            h.processBroadcastElement(
                    ControlMessage.orgSettings(
                            "acme",
                            1,
                            "{\"domains\": [\"acme.com\", \"corp.acme.com\"],"
                                    + " \"feed_time_zones\": {\"zscaler\": \"Europe/Berlin\"}}",
                            "settings"),
                    2);
            h.processElement(new RawEvent("acme", "zscaler", zscaler, "z:2", now), now);
            h.processElement(new RawEvent("globex", "zscaler", zscaler, "z:3", now), now);

            assertThat(h.extractOutputValues())
                    .extracting(
                            e ->
                                    e.orgId
                                            + " "
                                            + e.identityKey
                                            + " "
                                            + Instant.ofEpochMilli(e.eventTime))
                    .containsExactly(
                            "acme hpatel@corp.acme.com 2026-11-20T10:05:00Z",
                            "acme hpatel 2026-11-20T09:05:00Z",
                            "globex hpatel@corp.acme.com 2026-11-20T10:05:00Z");
        }
    }

    @Test
    void recordsForAParserStillToComeWaitForTheSnapshot() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent(
                            "globex",
                            "generic-firewall",
                            line("generic-firewall.jsonl", 0),
                            "f:1",
                            now),
                    now);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();

            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            Files.readString(SAMPLES.resolve("parsers/generic-firewall.yaml")),
                            "generic-firewall.yaml"),
                    1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.actorDomain).isEqualTo("GLOBEX");
                                assertThat(e.actorUserName).isEqualTo("hito");
                                assertThat(e.action).isEqualTo("blocked");
                                assertThat(e.activity).isEqualTo("p2p");
                                assertThat(e.app).isEqualTo("bittorrent");
                            });
        }
    }

    @Test
    void badAndStaleConfigurationsAreAnsweredAndTheLiveOneStays() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            String config = Files.readString(SAMPLES.resolve("parsers/generic-firewall.yaml"));
            h.processBroadcastElement(ControlMessage.parserUpsert(config, "v1"), 1);
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            config.replace("format: epoch_millis", "format: epoch_fortnights")
                                    .replace("version: 1", "version: 2"),
                            "v2"),
                    2);
            h.processBroadcastElement(ControlMessage.parserUpsert(config, "v1 again"), 3);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 4);
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent(
                            "globex",
                            "generic-firewall",
                            line("generic-firewall.jsonl", 2),
                            "f:3",
                            now),
                    now);

            assertThat(statuses(h))
                    .containsExactly(
                            "globex/generic-firewall v1 accepted",
                            "globex/generic-firewall v0 rejected v2: fields.event_time.format at"
                                    + " 10:26: iso8601, epoch_seconds, epoch_millis, epoch_micros,"
                                    + " epoch_nanos or a java.time"
                                    + " pattern like 'dd/MM/yyyy HH:mm:ss': unknown format"
                                    + " 'epoch_fortnights'",
                            "globex/generic-firewall v1 stale version 1 is not newer than the live"
                                    + " version 1");
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.threatName)
                    .containsExactly("Log4j RCE attempt");
        }
    }

    private static String minimal(String name, String org, String more) {
        return "parser: "
                + name
                + "\norg: "
                + org
                + "\nversion: 1\nclass: web\nfields:\n"
                + "  event_time: {path: t, format: epoch_millis}\n  actor: {path: u}\n"
                + more;
    }

    @Test
    void aConfigurationSentForAnotherOrgOrBeyondAnOrgsShareIsRejected() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            ControlMessage forGlobex =
                    ControlMessage.parserUpsert(
                            Files.readString(SAMPLES.resolve("parsers/mimecast-email.yaml")),
                            "mimecast-email.yaml");
            forGlobex.orgId = "globex"; // e.g. from globex's control channel, naming acme inside
            h.processBroadcastElement(forGlobex, 1);
            for (int i = 0; i <= ControlLimits.MAX_PARSERS_PER_ORG; i++) {
                h.processBroadcastElement(
                        ControlMessage.parserUpsert(minimal("feed-" + i, "acme", ""), "f" + i),
                        2 + i);
            }
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 30);
            long now = System.currentTimeMillis();
            h.processElement(
                    new RawEvent(
                            "acme", "mimecast-email", line("mimecast-email.jsonl", 0), "m:1", now),
                    now);

            List<String> statuses = statuses(h);
            assertThat(statuses.get(0))
                    .isEqualTo(
                            "globex/mimecast-email v0 rejected org: the configuration names org"
                                    + " 'acme' but was sent for org 'globex'");
            assertThat(statuses.subList(1, statuses.size()))
                    .hasSize(ControlLimits.MAX_PARSERS_PER_ORG + 1)
                    .endsWith(
                            "acme/feed-20 v1 rejected org: acme already has 20 parsing"
                                    + " configurations, the most an org may have")
                    .filteredOn(st -> st.endsWith("accepted"))
                    .hasSize(ControlLimits.MAX_PARSERS_PER_ORG);
            assertThat(deadLetters(h))
                    .as("the misdirected configuration was not installed for acme")
                    .containsExactly("unknown_vendor@m:1");
        }
    }

    @Test
    void aConfigurationTheCompilerCannotTakeIsAnsweredAndTheStageGoesOn() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            minimal("feed-x", "acme", "").replace("class: web\n", ""), "no-class"),
                    1);
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            minimal(
                                    "feed-y",
                                    "acme",
                                    "  app: {path: a, transform: "
                                            + "[{regex: '((((a{1000}){1000}){1000}){1000})'}]}\n"),
                            "huge-regex"),
                    2);
            assertThat(statuses(h))
                    .containsExactly(
                            "acme/feed-x v0 rejected no-class: class: required, lower-case letters,"
                                    + " digits, - and _ (at most 48)",
                            "acme/feed-y v0 rejected huge-regex: fields.app.transform[0] at 8:30:"
                                + " regex too large once its repetitions are expanded (about"
                                + " 1000000000 instructions, at most 1000): use fewer or smaller"
                                + " {n,m} counts");
        }
    }

    @Test
    void requiredFieldsAndAFeedWithoutRecognizePaths() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            h.processBroadcastElement(
                    ControlMessage.parserUpsert(
                            minimal("plain-feed", "acme", "  app: {path: a, required: true}\n"),
                            "p"),
                    1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            long now = System.currentTimeMillis();
            String withApp = "{\"t\": " + now + ", \"u\": \"Ann@Acme.com\", \"a\": \"zoom\"}";
            h.processElement(new RawEvent("acme", "plain-feed", withApp, "p:1", now), now);
            h.processElement(
                    new RawEvent(
                            "acme",
                            "plain-feed",
                            "{\"t\": " + now + ", \"u\": \"ann@acme.com\"}",
                            "p:2",
                            now),
                    now);
            h.processElement(new RawEvent("acme", "auto", withApp, "p:3", now), now);

            assertThat(h.extractOutputValues())
                    .as("no recognize paths: any record sent under its name")
                    .extracting(e -> e.app + " " + e.actorEmail)
                    .containsExactly("zoom ann@acme.com");
            assertThat(deadLetters(h))
                    .as("auto never picks a configuration that would claim every record")
                    .containsExactly("missing_field@p:2", "unrecognized_format@p:3");
        }
    }
}
