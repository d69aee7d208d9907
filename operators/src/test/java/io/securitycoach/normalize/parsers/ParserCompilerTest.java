package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserCompilerTest {
    private static final String HEAD = "parser: proxy-x\norg: acme\nversion: 3\nclass: web\n";

    private static SecurityEvent normalize(String config, String record) throws Exception {
        CompiledParser p = ParserCompiler.compile(config, "test.yaml");
        SecurityEvent e = new SecurityEvent();
        JsonNode r = Json.mapper().readTree(record);
        p.normalize(r, e);
        return e;
    }

    @Test
    void everyProblemIsReportedWithItsPlace() {
        String config =
                "parser: Bad Name\nversion: -1\nclass: web\ncolour: red\nfields:\n"
                        + "  event_time: {path: t, format: epoch_weeks, time_zone: Mars/Olympus}\n"
                        + "  actor: {path: u, value: x}\n"
                        + "  org_id: {value: globex}\n"
                        + "  url: {path: 'a..b'}\n"
                        + "  app: {path: a, transform: [lowr, {split: ''}, {regex: '(unclosed'}]}\n"
                        + "  favourite_colour: {path: c}\n";
        assertThatThrownBy(() -> ParserCompiler.compile(config, "p.yaml"))
                .isInstanceOf(ParserConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ParserConfigException) e).messages())
                                        .containsExactlyInAnyOrder(
                                                "p.yaml: colour at 4:1: unknown key (known:"
                                                    + " category, class, class_uid, each, extends,"
                                                    + " fields, org, parser, product, recognize,"
                                                    + " rename, version, when)",
                                                "p.yaml: parser at 1:1: required, lower-case"
                                                        + " letters, digits, - and _ (at most 48)",
                                                "p.yaml: org: org id missing",
                                                "p.yaml: version at 2:1: a positive whole number is"
                                                    + " required (a newer version replaces an older"
                                                    + " one)",
                                                "p.yaml: fields.event_time.time_zone at 6:46:"
                                                        + " Unknown time-zone ID: Mars/Olympus (a"
                                                        + " region like Europe/Berlin, or an offset"
                                                        + " like +02:00)",
                                                "p.yaml: fields.event_time.format at 6:25: iso8601,"
                                                    + " epoch_seconds, epoch_millis, epoch_micros,"
                                                    + " epoch_nanos or a java.time pattern like"
                                                    + " 'dd/MM/yyyy HH:mm:ss': unknown format"
                                                    + " 'epoch_weeks'",
                                                "p.yaml: fields.actor at 7:3: exactly one of path,"
                                                        + " paths (first present wins) or value",
                                                "p.yaml: fields.org_id at 8:3: set by the job or by"
                                                        + " the top-level keys, not by a mapping",
                                                "p.yaml: fields.url.path at 9:9: path 'a..b' is not"
                                                        + " like a.b[0].c at character 3",
                                                "p.yaml: fields.app.transform[0] at 10:30: unknown"
                                                        + " transform 'lowr' (lower, upper, trim,"
                                                        + " {split}, {regex}, {map})",
                                                "p.yaml: fields.app.transform[1] at 10:36: split"
                                                    + " needs a separator and a whole-number index,"
                                                    + " e.g. {split: ',', index: 0}",
                                                "p.yaml: fields.app.transform[2] at 10:49: invalid"
                                                    + " RE2 regex: error parsing regexp: missing"
                                                    + " closing ): `(unclosed`",
                                                "p.yaml: fields.favourite_colour at 11:3: not a"
                                                    + " string field of the event schema (see"
                                                    + " docs/schema.md); event_time and actor are"
                                                    + " the special ones"));
    }

    @Test
    void costIsBounded() {
        StringBuilder many =
                new StringBuilder(HEAD + "fields:\n  event_time: {path: t}\n  actor: {path: u}\n");
        many.append("  url: {path: u, transform: [").append("trim, ".repeat(9)).append("trim]}\n");
        many.append("  app: {path: a, transform: [{regex: '")
                .append("a".repeat(600))
                .append("'}]}\n");
        assertThatThrownBy(() -> ParserCompiler.compile(many.toString(), "big.yaml"))
                .satisfies(
                        e ->
                                assertThat(((ParserConfigException) e).messages())
                                        .containsExactly(
                                                "big.yaml: fields.url.transform at 8:18: a list of"
                                                        + " at most 8 steps",
                                                "big.yaml: fields.app.transform[0] at 9:30: a regex"
                                                        + " of at most 512 characters"));
        assertThatThrownBy(() -> ParserCompiler.compile("x: " + "y".repeat(70_000), "huge.yaml"))
                .hasMessageContaining("at most 65536 characters");
        assertThatThrownBy(
                        () ->
                                ParserCompiler.compile(
                                        HEAD
                                                + "fields:\n  event_time: {path: "
                                                + "a.".repeat(20)
                                                + "b}\n  actor: {path: u}\n",
                                        "deep.yaml"))
                .hasMessageContaining("is deeper than 16");
    }

    @Test
    void aPatternsWrittenOffsetWinsOverTheConfiguredZone() throws Exception {
        String config =
                HEAD
                        + "fields:\n"
                        + "  event_time: {path: t, format: 'yyyy-MM-dd HH:mm:ss Z',"
                        + " time_zone: Europe/Berlin}\n"
                        + "  actor: {path: u}\n";
        SecurityEvent e =
                normalize(config, "{\"t\": \"2026-11-20 10:00:00 -0500\", \"u\": \"ada\"}");
        assertThat(e.eventTime).isEqualTo(Instant.parse("2026-11-20T15:00:00Z").toEpochMilli());
    }

    @Test
    void pathsTransformsAndTimeFormats() throws Exception {
        String config =
                HEAD
                        + "recognize: [meta.id]\n"
                        + "fields:\n"
                        + "  event_time: {path: meta.when, format: 'dd/MM/yyyy HH:mm:ss',"
                        + " time_zone: Europe/Berlin}\n"
                        + "  actor: {paths: [who.upn, who.sam]}\n"
                        + "  url: {path: \"$.reqs[1]['full.url']\"}\n" // JSONPath's $ root is
                        // allowed
                        + "  url_category: {path: cats, transform: [{split: ';', index: -1}, trim,"
                        + " upper]}\n"
                        + "  app: {path: agent, transform: [{regex: '(?i)^(chrome|firefox)/'},"
                        + " lower]}\n"
                        + "  action: {path: verdict, transform: [{map: {ok: allowed, no:"
                        + " blocked}}]}\n";
        SecurityEvent e =
                normalize(
                        config,
                        "{\"meta\": {\"id\": 1, \"when\": \"20/11/2026 10:00:00\"}, \"who\":"
                                + " {\"sam\": \"ACME\\\\jdoe\"}, \"reqs\": [{}, {\"full.url\":"
                                + " \"https://x.example/a\"}], \"cats\": \"news; gambling \","
                                + " \"agent\": \"Firefox/131.0\", \"verdict\": \"maybe\"}");
        assertThat(e.eventTime).isEqualTo(Instant.parse("2026-11-20T09:00:00Z").toEpochMilli());
        assertThat(e.actorDomain + "\\" + e.actorUserName).isEqualTo("ACME\\jdoe");
        assertThat(e.url).isEqualTo("https://x.example/a");
        assertThat(e.urlHost).isEqualTo("x.example");
        assertThat(e.urlCategory).isEqualTo("GAMBLING");
        assertThat(e.app).isEqualTo("firefox");
        assertThat(e.action)
                .as("a value not in the map and no default stays as it is")
                .isEqualTo("maybe");
        assertThat(e.eventClass).isEqualTo("web");
        assertThat(e.category).isEqualTo("network");
        CompiledParser p = ParserCompiler.compile(config, "t");
        assertThat(p.recognizes(Json.mapper().readTree("{\"meta\": {\"id\": 7}}"))).isTrue();
        assertThat(p.recognizes(Json.mapper().readTree("{\"meta\": {}}"))).isFalse();
    }

    private static List<String> errorsOf(String config) {
        try {
            ParserCompiler.compile(config, "c.yaml");
        } catch (ParserConfigException e) {
            return e.messages();
        }
        throw new AssertionError("accepted: " + config);
    }

    @Test
    void epochUnitsAndIsoVariantsMeetOnTheSameInstant() throws Exception {
        long expected = Instant.parse("2026-03-01T08:00:00.123Z").toEpochMilli();
        String[][] formats = {
            {"epoch_seconds", "1772352000.123"},
            {"epoch_millis", "1772352000123"},
            {"epoch_micros", "1772352000123456"},
            {"epoch_nanos", "1772352000123456789"},
            {"iso8601", "2026-03-01 08:00:00.123Z"},
            {"iso8601", "2026-03-01T09:00:00.123+01:00"}
        };
        for (String[] f : formats) {
            String config =
                    HEAD
                            + "fields:\n  event_time: {path: t, format: "
                            + f[0]
                            + "}\n  actor: {path: u}\n";
            assertThat(normalize(config, "{\"t\": \"" + f[1] + "\", \"u\": \"ann\"}").eventTime)
                    .as(f[0])
                    .isEqualTo(expected);
        }
    }

    @Test
    void theFirstNonEmptyPathWins() throws Exception {
        String config =
                HEAD
                        + "fields:\n  event_time: {path: t, format: epoch_millis}\n"
                        + "  actor: {paths: [upn, mail, name]}\n";
        SecurityEvent e =
                normalize(config, "{\"t\": 1, \"upn\": \"\", \"mail\": null, \"name\": \"bo\"}");
        assertThat(e.actorUserName).isEqualTo("bo");
    }

    @Test
    void regexesThatWouldExpandBeyondTheBudgetAreRejectedBeforeTheyAreCompiled() {
        String base = HEAD + "fields:\n  event_time: {path: t}\n  actor: {path: u}\n";
        // 34 characters; compiling it exhausts RE2/J's heap (measured: OutOfMemoryError after 28 s)
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () ->
                        assertThat(
                                        errorsOf(
                                                base
                                                        + "  app: {path: a, transform: [{regex:"
                                                        + " '((((a{1000}){1000}){1000}){1000})'}]}\n"))
                                .containsExactly(
                                        "c.yaml: fields.app.transform[0] at 8:30: regex too large"
                                            + " once its repetitions are expanded (about 1000000000"
                                            + " instructions, at most 1000): use fewer or smaller"
                                            + " {n,m} counts"));
    }

    @Test
    void emptyGroupsCountInTheEstimate() {
        // the old estimate counted an empty group as 0: this one reached RE2/J and exhausted the
        // heap
        String base = HEAD + "fields:\n  event_time: {path: t}\n  actor: {path: u}\n";
        assertThat(
                        errorsOf(
                                base
                                        + "  app: {path: a, transform: [{regex:"
                                        + " '(((){1000}){1000}){1000}'}]}\n"))
                .containsExactly(
                        "c.yaml: fields.app.transform[0] at 8:30: regex too large once its"
                            + " repetitions are expanded (about 1000000000 instructions, at most"
                            + " 1000): use fewer or smaller {n,m} counts");
    }

    @Test
    void theRegexWorkOfOneRecordIsBoundedForTheWholeConfiguration() {
        // each within the per-regex limit (902 instructions); four of them cost ~28 ms a record on
        // 4 KiB values
        String base = HEAD + "fields:\n  event_time: {path: t}\n  actor: {path: u}\n";
        StringBuilder four = new StringBuilder(base);
        for (String f : new String[] {"app", "url", "activity", "threat_name"}) {
            four.append("  ")
                    .append(f)
                    .append(": {path: a, transform: [{regex: '(?:a?){300}a{300}'}]}\n");
        }
        assertThat(errorsOf(four.toString()))
                .hasSize(4)
                .first()
                .asString()
                .isEqualTo(
                        "c.yaml: fields.app.transform[0] at 8:30: the regexes of this configuration"
                            + " could cost up to 3,694,592 steps per record (program sizes x 4,096"
                            + " characters read), at most 2,048,000: use fewer or smaller regexes");
        String two =
                base
                        + "  app: {path: a, transform: [{regex: '(?:a?){150}a{150}'}]}\n"
                        + "  url: {path: a, transform: [{regex: '(?:b?){150}b{150}'}]}\n";
        assertThat(errorsOf(two))
                .as("452 instructions each: one fits, the two together do not")
                .containsExactly(
                        "c.yaml: fields.url.transform[0] at 9:30: the regexes of this configuration"
                            + " could cost up to 3,702,784 steps per record (program sizes x 4,096"
                            + " characters read), at most 2,048,000: use fewer or smaller regexes");
        String largeAndSmall =
                base
                        + "  app: {path: a, transform: [{regex: '(?:a?){150}a{150}'}]}\n"
                        + "  url: {path: a, transform: [{regex: '^([a-z0-9]+)-'}]}\n";
        assertThatCode(() -> ParserCompiler.compile(largeAndSmall, "c.yaml"))
                .as("a large regex and a small one fit")
                .doesNotThrowAnyException();
    }

    @Test
    void aRegexReadsTheStartOfAHugeValueOnly() throws Exception {
        String config =
                HEAD
                        + "fields:\n"
                        + "  event_time: {path: t, format: epoch_millis}\n"
                        + "  actor: {path: u}\n"
                        + "  app: {path: a, transform: [{regex: 'needle'}]}\n"
                        + "  url: {path: b, transform: [{regex: 'needle'}]}\n";
        String late = "x".repeat(Transform.MAX_REGEX_INPUT) + "needle";
        String early = "x".repeat(Transform.MAX_REGEX_INPUT - 6) + "needle" + "x".repeat(100_000);
        SecurityEvent e =
                normalize(
                        config,
                        "{\"t\": 1, \"u\": \"a@b.c\", \"a\": \""
                                + late
                                + "\", \"b\": \""
                                + early
                                + "\"}");
        assertThat(e.app).isNull();
        assertThat(e.url).isEqualTo("needle");
    }

    @Test
    void wrongShapesAreErrorsNotExceptions() {
        assertThat(
                        errorsOf(
                                "parser: x\n"
                                        + "org: acme\n"
                                        + "version: 1\n"
                                        + "fields:\n"
                                        + "  event_time: {path: t}\n"
                                        + "  actor: {path: u}\n"))
                .as("no class (this used to throw a NullPointerException out of the operator)")
                .containsExactly(
                        "c.yaml: class: required, lower-case letters, digits, - and _ (at most"
                                + " 48)");
        assertThat(
                        errorsOf(
                                HEAD
                                        + "product: [a, b]\n"
                                        + "fields:\n"
                                        + "  event_time: {path: [t]}\n"
                                        + "  actor: {path: u}\n"
                                        + "  app: {value: {a: 1}}\n"
                                        + "  url: {path: u, transform: [{map: {a: [1]}}]}\n"
                                        + "  activity: {path: v, required: yes please}\n"))
                .containsExactly(
                        "c.yaml: product at 5:1: a text, number or boolean is expected",
                        "c.yaml: fields.event_time.path at 7:16: a path like a.b[0].c is expected",
                        "c.yaml: fields.app.value at 9:9: a text, number or boolean is expected",
                        "c.yaml: fields.url.transform[0].map.a at 10:37: a text, number or boolean"
                                + " is expected",
                        "c.yaml: fields.activity.required at 11:23: true or false");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThat(
                        errorsOf(
                                HEAD
                                        + "fields:\n"
                                        + "  event_time: {path: t}\n"
                                        + "  actor: {path: u}\n"
                                        + "  actor: {path: v}\n"))
                .singleElement()
                .asString()
                .startsWith("c.yaml: not valid YAML/JSON at 8:")
                .contains("Duplicate field 'actor'");
    }

    @Test
    void hostileYamlIsRefusedQuickly() {
        StringBuilder laughs =
                new StringBuilder(
                        HEAD + "product:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append("  ")
                    .append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*')
                    .append((char) (c - 1))
                    .append("]\n");
        }
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> {
                    assertThat(errorsOf(laughs.toString())).isNotEmpty();
                    assertThat(errorsOf("x: " + "[".repeat(30_000)))
                            .singleElement()
                            .asString()
                            .contains("nesting depth");
                });
    }
}
