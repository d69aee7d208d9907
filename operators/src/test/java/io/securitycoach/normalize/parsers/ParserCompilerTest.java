package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        String config = "parser: Bad Name\nversion: -1\nclass: web\ncolour: red\nfields:\n"
                + "  event_time: {path: t, format: epoch_weeks, time_zone: Mars/Olympus}\n"
                + "  actor: {path: u, value: x}\n"
                + "  org_id: {value: globex}\n"
                + "  url: {path: 'a..b'}\n"
                + "  app: {path: a, transform: [lowr, {split: ''}, {regex: '(unclosed'}]}\n"
                + "  favourite_colour: {path: c}\n";
        assertThatThrownBy(() -> ParserCompiler.compile(config, "p.yaml"))
                .isInstanceOf(ParserConfigException.class)
                .satisfies(e -> assertThat(((ParserConfigException) e).errors()).containsExactlyInAnyOrder(
                        "p.yaml: colour: unknown key (known: category, class, class_uid, fields, org, parser, product, recognize, version)",
                        "p.yaml: parser: required, lower-case letters, digits, - and _ (at most 48)",
                        "p.yaml: org: required, lower-case letters, digits, - and _ (at most 48)",
                        "p.yaml: version: a positive whole number is required (a newer version replaces an older one)",
                        "p.yaml: fields.event_time: Unknown time-zone ID: Mars/Olympus",
                        "p.yaml: fields.actor: exactly one of path, paths (first present wins) or value",
                        "p.yaml: fields.org_id: set by the job or by the top-level keys, not by a mapping",
                        "p.yaml: fields.url.path: path 'a..b' is not like a.b[0].c at character 3",
                        "p.yaml: fields.app.transform[0]: unknown transform 'lowr' (lower, upper, trim, {split}, {regex}, {map})",
                        "p.yaml: fields.app.transform[1]: split needs a separator and a whole-number index, e.g. {split: ',', index: 0}",
                        "p.yaml: fields.app.transform[2]: invalid RE2 regex: error parsing regexp: missing closing ): `(unclosed`",
                        "p.yaml: fields.favourite_colour: not a string field of the event schema (see docs/schema.md); "
                                + "event_time and actor are the special ones"));
    }

    @Test
    void costIsBounded() {
        StringBuilder many = new StringBuilder(HEAD + "fields:\n  event_time: {path: t}\n  actor: {path: u}\n");
        many.append("  url: {path: u, transform: [").append("trim, ".repeat(9)).append("trim]}\n");
        many.append("  app: {path: a, transform: [{regex: '").append("a".repeat(600)).append("'}]}\n");
        assertThatThrownBy(() -> ParserCompiler.compile(many.toString(), "big.yaml"))
                .satisfies(e -> assertThat(((ParserConfigException) e).errors()).containsExactly(
                        "big.yaml: fields.url.transform: a list of at most 8 steps",
                        "big.yaml: fields.app.transform[0]: regex longer than 512 characters"));
        assertThatThrownBy(() -> ParserCompiler.compile("x: " + "y".repeat(70_000), "huge.yaml"))
                .hasMessageContaining("at most 65536 characters");
        assertThatThrownBy(() -> ParserCompiler.compile(HEAD + "fields:\n  event_time: {path: " + "a.".repeat(20) + "b}\n  actor: {path: u}\n", "deep.yaml"))
                .hasMessageContaining("is deeper than 16");
    }

    @Test
    void pathsTransformsAndTimeFormats() throws Exception {
        String config = HEAD + "recognize: [meta.id]\nfields:\n"
                + "  event_time: {path: meta.when, format: 'dd/MM/yyyy HH:mm:ss', time_zone: Europe/Berlin}\n"
                + "  actor: {paths: [who.upn, who.sam]}\n"
                + "  url: {path: \"reqs[1]['full.url']\"}\n"
                + "  url_category: {path: cats, transform: [{split: ';', index: -1}, trim, upper]}\n"
                + "  app: {path: agent, transform: [{regex: '(?i)^(chrome|firefox)/'}, lower]}\n"
                + "  action: {path: verdict, transform: [{map: {ok: allowed, no: blocked}}]}\n";
        SecurityEvent e = normalize(config, "{\"meta\": {\"id\": 1, \"when\": \"20/11/2026 10:00:00\"},"
                + " \"who\": {\"sam\": \"ACME\\\\jdoe\"}, \"reqs\": [{}, {\"full.url\": \"https://x.example/a\"}],"
                + " \"cats\": \"news; gambling \", \"agent\": \"Firefox/131.0\", \"verdict\": \"maybe\"}");
        assertThat(e.eventTime).isEqualTo(java.time.Instant.parse("2026-11-20T09:00:00Z").toEpochMilli());
        assertThat(e.actorDomain + "\\" + e.actorUserName).isEqualTo("ACME\\jdoe");
        assertThat(e.url).isEqualTo("https://x.example/a");
        assertThat(e.urlHost).isEqualTo("x.example");
        assertThat(e.urlCategory).isEqualTo("GAMBLING");
        assertThat(e.app).isEqualTo("firefox");
        assertThat(e.action).as("a value not in the map and no default stays as it is").isEqualTo("maybe");
        assertThat(e.eventClass).isEqualTo("web");
        assertThat(e.category).isEqualTo("network");
        CompiledParser p = ParserCompiler.compile(config, "t");
        assertThat(p.recognizes(Json.mapper().readTree("{\"meta\": {\"id\": 7}}"))).isTrue();
        assertThat(p.recognizes(Json.mapper().readTree("{\"meta\": {}}"))).isFalse();
    }
}
