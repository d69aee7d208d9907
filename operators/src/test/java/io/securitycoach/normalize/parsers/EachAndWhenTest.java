package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The language's fan-out ({@code each}, {@code @} paths) and code tables ({@code when}). */
class EachAndWhenTest {
    private static final String THREATS =
            "parser: threats-x\n"
                + "org: acme\n"
                + "version: 1\n"
                + "class: email\n"
                + "recognize: [threatId]\n"
                + "each: {path: messages, max: 3, id: '@.id'}\n"
                + "fields:\n"
                + "  event_time: {paths: ['@.received', seen], format: iso8601}\n"
                + "  event_uid: {path: threatId}\n"
                + "  actor: {path: '@.to'}\n"
                + "  email_subject: {path: '@.subject'}\n"
                + "  threat_name: {path: kind}\n"
                + "  action:\n"
                + "    path: '@.status'\n"
                + "    transform: [{map: {Removed: blocked, Kept: allowed}, default: unknown}]\n";

    private static List<SecurityEvent> events(String config, String record) throws Exception {
        CompiledParser p = ParserCompiler.compile(config, "test.yaml");
        JsonNode r = Json.mapper().readTree(record);
        List<SecurityEvent> out = new ArrayList<>();
        for (int i = 0; i < p.eventCount(r); i++) {
            SecurityEvent e = new SecurityEvent();
            p.normalize(r, i, e);
            out.add(e);
        }
        return out;
    }

    private static List<String> errors(String config) {
        try {
            ParserCompiler.compile(config, "t.yaml");
            return List.of();
        } catch (ParserConfigException e) {
            return e.messages();
        }
    }

    @Test
    void oneEventPerElementReadsTheElementAndTheRecord() throws Exception {
        String record =
                "{\"threatId\": \"t-1\", \"kind\": \"Phishing\", \"messages\": [{\"id\": \"m-7\","
                        + " \"to\": \"ada@acme.example\", \"subject\": \"Invoice\", \"received\":"
                        + " \"2026-03-02T08:00:00Z\", \"status\": \"Removed\"},{\"to\":"
                        + " \"bo@acme.example\", \"subject\": \"Invoice 2\", \"received\":"
                        + " \"2026-03-02T08:01:00Z\", \"status\": \"Kept\"}]}";
        List<SecurityEvent> out = events(THREATS, record);
        assertThat(out)
                .extracting(e -> e.actorEmail)
                .containsExactly("ada@acme.example", "bo@acme.example");
        assertThat(out).extracting(e -> e.threatName).containsExactly("Phishing", "Phishing");
        assertThat(out).extracting(e -> e.action).containsExactly("blocked", "allowed");
        // the record's uid, then the element's id, else its index: distinct and stable
        assertThat(out).extracting(e -> e.eventUid).containsExactly("t-1:m-7", "t-1:1");
        assertThat(out.get(0).raw).isNotNull();
    }

    /**
     * Every event of a fanned-out record carries the record's vendor fields (one instance, its text
     * until read); before, the events after the first had none.
     */
    @Test
    void everyEventOfARecordCarriesTheRecordsFields() throws Exception {
        String record =
                "{\"threatId\": \"t-2\", \"kind\": \"Phishing\", \"messages\": [{\"to\":"
                        + " \"ada@acme.example\", \"received\": \"2026-03-02T08:00:00Z\"}, {\"to\":"
                        + " \"bo@acme.example\", \"received\": \"2026-03-02T08:01:00Z\"}]}";
        VendorRegistry vendors =
                VendorRegistry.builtIn().plus(List.of(ParserCompiler.compile(THREATS, "t.yaml")));
        long now = Instant.parse("2026-03-03T00:00:00Z").toEpochMilli();
        List<SecurityEvent> out =
                new EventNormalizer(vendors, 1 << 20)
                                .normalizeAll(
                                        new RawEvent("acme", "threats-x", record, "f:1", now), now)
                                .stream()
                                .map(r -> r.event)
                                .collect(Collectors.toList());
        assertThat(out).hasSize(2).doesNotContainNull();
        assertThat(out.get(0).raw.isDeferred()).isTrue();
        assertThat(out.get(1).raw).isSameAs(out.get(0).raw);
        assertThat(out.get(1).raw.get("messages.1.to")).isEqualTo("bo@acme.example");
        assertThat(out.get(0).raw.get("kind")).isEqualTo("Phishing");
    }

    @Test
    void anAtSignFieldNameIsAFieldOfTheRecordNotTheElement() throws Exception {
        // @timestamp (GitHub's audit log, Elastic-shaped exports) was a field long before each
        String config =
                "parser: stamps\n"
                    + "org: acme\n"
                    + "version: 1\n"
                    + "class: admin\n"
                    + "fields:\n"
                    + "  event_time: {paths: ['@timestamp', created_at], format: epoch_millis}\n"
                    + "  actor: {path: actor}\n";
        SecurityEvent e =
                events(config, "{\"@timestamp\": 1767225600000, \"actor\": \"ada\"}").get(0);
        assertThat(e.eventTime).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void elementsBeyondTheCapAreOneDeadLetterNotADrop() throws Exception {
        StringBuilder record = new StringBuilder("{\"threatId\": \"t-2\", \"messages\": [");
        for (int i = 0; i < 5; i++) {
            record.append(i == 0 ? "" : ",")
                    .append("{\"to\": \"u")
                    .append(i)
                    .append("@acme.example\", \"received\": \"")
                    .append(Instant.now().minusSeconds(60))
                    .append("\"}");
        }
        record.append("]}");
        CompiledParser p = ParserCompiler.compile(THREATS, "t.yaml");
        JsonNode r = Json.mapper().readTree(record.toString());
        assertThat(p.eventCount(r)).isEqualTo(4); // 3 events and one for the 2 not read
        assertThatThrownBy(() -> p.normalize(r, 3, new SecurityEvent()))
                .isInstanceOf(NormalizationException.class)
                .satisfies(
                        e -> {
                            NormalizationException n = (NormalizationException) e;
                            assertThat(n.reason()).isEqualTo("too_many_elements");
                            assertThat(n.getMessage()).contains("5 elements", "2 not read");
                        });
        List<EventNormalizer.Result> results =
                new EventNormalizer()
                        .normalizeAll(
                                new RawEvent("acme", "auto", record.toString(), "f:1", 0),
                                System.currentTimeMillis(),
                                VendorRegistry.builtIn().plus(List.of(p)));
        assertThat(results.stream().filter(x -> x.event != null)).hasSize(3);
        assertThat(
                        results.stream()
                                .filter(x -> x.event == null)
                                .map(x -> x.deadLetter.reason)
                                .collect(Collectors.toList()))
                .containsExactly("too_many_elements");
    }

    @Test
    void aRecordWithoutElementsIsItsOwnOneElement() throws Exception {
        List<SecurityEvent> out =
                events(
                        THREATS,
                        "{\"threatId\": \"t-3\", \"seen\": \"2026-03-02T08:00:00Z\","
                                + " \"to\": \"cy@acme.example\", \"status\": \"Removed\"}");
        assertThat(out)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.actorEmail).isEqualTo("cy@acme.example");
                            assertThat(e.eventUid).isEqualTo("t-3"); // no suffix: one event
                            assertThat(e.action).isEqualTo("blocked");
                        });
    }

    private static final String PAN =
            "parser: fw-x\norg: acme\nversion: 1\nclass: network\n"
                    + "fields:\n"
                    + "  event_time: {path: t, format: iso8601}\n"
                    + "  actor: {path: user}\n"
                    + "when:\n"
                    + "  - if: {type: THREAT, subtype: url, action: [block-url, drop]}\n"
                    + "    then: {class: web, class_uid: 4002, activity: browse, action: blocked}\n"
                    + "  - if: {type: THREAT, action: [alert, allow]}\n"
                    + "    then: {class: detection, action: allowed, outcome: success}\n"
                    + "  - then: {activity: other}\n";

    private static SecurityEvent pan(String fields) throws Exception {
        return events(
                        PAN,
                        "{\"t\": \"2026-03-02T08:00:00Z\", \"user\": \"ada@acme.example\""
                                + fields
                                + "}")
                .get(0);
    }

    @Test
    void theFirstMatchingCaseSetsItsFieldsAndTheLastIsTheDefault() throws Exception {
        SecurityEvent url =
                pan(", \"type\": \"THREAT\", \"subtype\": \"url\", \"action\": \"drop\"");
        assertThat(url.eventClass).isEqualTo("web");
        assertThat(url.category).isEqualTo("network");
        assertThat(url.classUid).isEqualTo(4002);
        assertThat(url.activity).isEqualTo("browse");
        assertThat(url.action).isEqualTo("blocked");
        assertThat(url.outcome).isEqualTo("failure");

        SecurityEvent alert =
                pan(", \"type\": \"THREAT\", \"subtype\": \"url\", \"action\": \"alert\"");
        assertThat(alert.eventClass).isEqualTo("detection");
        assertThat(alert.category).isEqualTo("findings");
        assertThat(alert.action).isEqualTo("allowed");
        assertThat(alert.activity).isNull();

        SecurityEvent other = pan(", \"type\": \"TRAFFIC\", \"action\": \"drop\"");
        assertThat(other.eventClass).isEqualTo("network");
        assertThat(other.activity).isEqualTo("other");
        assertThat(other.action).isEqualTo("unknown");
    }

    @Test
    void absenceNullsAndUnlistedCodesMatchNoCase() throws Exception {
        for (String fields :
                List.of(
                        ", \"type\": \"THREAT\", \"subtype\": \"url\"",
                        ", \"type\": \"THREAT\", \"subtype\": \"url\", \"action\": null",
                        ", \"type\": \"THREAT\", \"subtype\": \"url\", \"action\": \"\"",
                        ", \"type\": \"THREAT\", \"subtype\": \"url\", \"action\": \"sinkhole\"")) {
            SecurityEvent e = pan(fields);
            assertThat(e.action).as(fields).isEqualTo("unknown");
            assertThat(e.outcome).as(fields).isEqualTo("unknown");
        }
    }

    @Test
    void badFanOutsAndCasesSayWhatIsWrong() {
        String head = "parser: x\norg: acme\nversion: 1\nclass: web\n";
        String fields = "fields:\n  event_time: {path: t}\n  actor: {path: '@.u'}\n";
        assertThat(errors(head + fields))
                .anyMatch(m -> m.contains("fields.actor.path") && m.contains("has no each"));
        assertThat(errors(head + "each: {path: '@.m', max: 9999, colour: 1}\n" + fields))
                .anyMatch(m -> m.contains("each.path") && m.contains("without @"))
                .anyMatch(m -> m.contains("each.max") && m.contains("1 to 200"))
                .anyMatch(m -> m.contains("each.colour") && m.contains("unknown key"));
        assertThat(errors(head + "extends: okta\neach: m\n"))
                .anyMatch(m -> m.contains("each") && m.contains("cannot fan out"));
        String t = "fields:\n  event_time: {path: t}\n  actor: {path: u}\n  action: {path: a}\n";
        assertThat(
                        errors(
                                head
                                        + t
                                        + "when:\n"
                                        + "  - then: {activity: x}\n"
                                        + "  - if: {a: [], b: null, c: {x: 1}}\n"
                                        + "    then: {action: blocked, org_id: globex, vendor: y}\n"
                                        + "    else: 1\n"))
                .anyMatch(m -> m.contains("when[0]") && m.contains("only the last case"))
                .anyMatch(m -> m.contains("when[1].if.a") && m.contains("empty list"))
                .anyMatch(m -> m.contains("when[1].if.b") && m.contains("absence never matches"))
                .anyMatch(m -> m.contains("when[1].if.c"))
                .anyMatch(m -> m.contains("when[1].then.action") && m.contains("one source"))
                .anyMatch(m -> m.contains("when[1].then.org_id") && m.contains("not a field"))
                .anyMatch(m -> m.contains("when[1].then.vendor"))
                .anyMatch(m -> m.contains("when[1].else") && m.contains("unknown key"));
        StringBuilder many = new StringBuilder(head + t + "when:\n");
        for (int i = 0; i < WhenCases.MAX_CASES + 1; i++) {
            many.append("  - {if: {k: v").append(i).append("}, then: {activity: x}}\n");
        }
        assertThat(errors(many.toString())).anyMatch(m -> m.contains("1 to 64 cases"));
    }

    @Test
    void aFanOutKeepsTheRecordsRegexWorkBounded() {
        String config =
                "parser: x\n"
                        + "org: acme\n"
                        + "version: 1\n"
                        + "class: web\n"
                        + "each: {path: m, max: 200}\n"
                        + "fields:\n"
                        + "  event_time: {path: '@.t'}\n"
                        + "  actor: {path: '@.u'}\n"
                        + "  app: {path: '@.a', transform: [{regex:"
                        + " '^([a-z]{1,20})-([0-9]{1,20})-([a-z]{1,20})$'}]}\n";
        assertThat(errors(config)).anyMatch(m -> m.contains("each.max") && m.contains("lower max"));
        assertThat(errors(config.replace("max: 200", "max: 2"))).isEmpty();
    }

    @Test
    void anElementThatIsAPlainValueIsReadWithAt() throws Exception {
        String config =
                "parser: x\norg: acme\nversion: 1\nclass: email\n"
                        + "each: toAddresses\n"
                        + "fields:\n"
                        + "  event_time: {path: t, format: iso8601}\n"
                        + "  actor: {path: '@'}\n"
                        + "  email_subject: {path: subject}\n";
        List<SecurityEvent> out =
                events(
                        config,
                        "{\"t\": \"2026-03-02T08:00:00Z\", \"subject\": \"Hi\","
                                + " \"toAddresses\": [\"ada@acme.example\", \"bo@acme.example\"]}");
        assertThat(out)
                .extracting(e -> e.actorEmail + " " + e.emailSubject)
                .containsExactly("ada@acme.example Hi", "bo@acme.example Hi");
    }
}
