package io.securitycoach.normalize;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.RuleStatus;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeFunctionTest {
    private static final Path SAMPLES = Paths.get(System.getProperty("coach.home", "..")).resolve("samples");

    private static BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new NormalizeFunction(),
                NormalizeFunction.PARSERS, NormalizeFunction.PARSERS_READY);
    }

    private static String line(String file, int n) throws Exception {
        return Files.readAllLines(SAMPLES.resolve("vendors").resolve(file)).get(n);
    }

    private static List<String> deadLetters(BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h) {
        var out = h.getSideOutput(Tags.DEAD_LETTERS);
        return out == null ? List.of() : out.stream()
                .map(r -> r.getValue().reason + "@" + r.getValue().origin).collect(Collectors.toList());
    }

    private static List<String> statuses(BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h) {
        return h.getSideOutput(Tags.RULE_STATUS).stream().map(r -> {
            RuleStatus s = r.getValue();
            return s.orgId + "/" + s.ruleId + " v" + s.version + " " + s.status + (s.errors.length > 0 ? " " + s.errors[0] : "");
        }).collect(Collectors.toList());
    }

    @Test
    void goodRecordsGoOnAndBadOnesToTheDeadLetterOutput() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            String okta = "{\"uuid\":\"u1\",\"published\":\"" + java.time.Instant.ofEpochMilli(now - 60_000)
                    + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"},\"outcome\":{\"result\":\"SUCCESS\"}}";
            h.processElement(new RawEvent("acme", "okta", okta, "f:1", now), now);
            h.processElement(new RawEvent("acme", "okta", "{broken", "f:2", now), now);

            assertThat(h.extractOutputValues()).extracting(e -> e.eventUid).containsExactly("u1");
            assertThat(deadLetters(h)).containsExactly("invalid_json@f:2");
        }
    }

    @Test
    void anOrgsParserNormalizesItsFeedAndNoOtherOrgs() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            h.processBroadcastElement(ControlMessage.parserUpsert(
                    Files.readString(SAMPLES.resolve("parsers/mimecast-email.yaml")), "mimecast-email.yaml"), 1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            long now = System.currentTimeMillis();
            h.processElement(new RawEvent("acme", "mimecast-email", line("mimecast-email.jsonl", 0), "m:1", now), now);
            h.processElement(new RawEvent("acme", "auto", line("mimecast-email.jsonl", 2), "m:3", now), now);
            h.processElement(new RawEvent("globex", "mimecast-email", line("mimecast-email.jsonl", 0), "g:1", now), now);

            List<SecurityEvent> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.vendor + " " + e.eventClass + " " + e.activity + " " + e.action + " "
                    + e.actorEmail + " " + e.emailSender + " " + e.severity).containsExactly(
                    "mimecast-email email click_permitted allowed alice.martin@acme.com billing@invoices-paypa1.example high",
                    "mimecast-email email rejected blocked carol.jones@acme.com scanner@copier-mail.example critical");
            assertThat(out.get(1).threatName).isEqualTo("Trojan.Agent.XYZ");
            assertThat(deadLetters(h)).as("another org cannot use acme's parser").containsExactly("unknown_vendor@g:1");
            assertThat(statuses(h)).containsExactly("acme/mimecast-email v1 accepted");
        }
    }

    @Test
    void recordsForAParserStillToComeWaitForTheSnapshot() throws Exception {
        try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h = harness()) {
            long now = System.currentTimeMillis();
            h.processElement(new RawEvent("globex", "generic-firewall", line("generic-firewall.jsonl", 0), "f:1", now), now);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();

            h.processBroadcastElement(ControlMessage.parserUpsert(
                    Files.readString(SAMPLES.resolve("parsers/generic-firewall.yaml")), "generic-firewall.yaml"), 1);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 2);
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> {
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
            h.processBroadcastElement(ControlMessage.parserUpsert(config.replace("format: epoch_millis", "format: epoch_fortnights")
                    .replace("version: 1", "version: 2"), "v2"), 2);
            h.processBroadcastElement(ControlMessage.parserUpsert(config, "v1 again"), 3);
            h.processBroadcastElement(ControlMessage.snapshotEnd("test"), 4);
            long now = System.currentTimeMillis();
            h.processElement(new RawEvent("globex", "generic-firewall", line("generic-firewall.jsonl", 2), "f:3", now), now);

            assertThat(statuses(h)).containsExactly(
                    "globex/generic-firewall v1 accepted",
                    "globex/generic-firewall v0 rejected v2: fields.event_time: Unknown pattern letter: o",
                    "globex/generic-firewall v1 stale");
            assertThat(h.extractOutputValues()).extracting(e -> e.threatName).containsExactly("Log4j RCE attempt");
        }
    }
}
