package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.control.OrgSettingsValidator;
import io.securitycoach.normalize.EventNormalizer;
import io.securitycoach.normalize.FeedSettings;
import io.securitycoach.normalize.VendorNormalizer;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.validation.Problems;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parsing configuration that extends a built-in vendor: renames, then the built-in, then its own
 * fields.
 */
class ExtendsBuiltInTest {
    private static final String TEMPLATE =
            "parser: zscaler-eu-template\n"
                    + "org: acme\n"
                    + "version: 1\n"
                    + "extends: zscaler\n"
                    + "rename: {ts_local: datetime, usr: user, verdict: action, cat: urlcategory,"
                    + " full_url: url}\n"
                    + "recognize: [ts_local, usr]\n";

    /** Zscaler's JSON template, bare, with its local time (the feed's zone applies). */
    private static final String STANDARD =
            "{\"datetime\":\"2026-11-20 09:41:17\",\"reason\":\"Malicious Content\","
                + "\"event_id\":\"7402000002\",\"protocol\":\"HTTP\",\"action\":\"Blocked\",\"urlcategory\":\"Miscellaneous"
                + " or Unknown\",\"requestmethod\":\"GET\",\"ClientIP\":\"10.20.1.16\","
                + "\"status\":\"403\",\"user\":\"grace.kim@acme.com\","
                + "\"url\":\"http://files.invoice-portal.example/dl/Invoice_8812.iso\","
                + "\"hostname\":\"files.invoice-portal.example\",\"threatcategory\":\"Trojan\",\"threatname\":\"Win32.Downloader.Gamarue\",\"threatseverity\":\"Critical"
                + " (90-100)\",\"filetype\":\"ISO"
                + " Files\",\"filename\":\"Invoice_8812.iso\",\"bamd5\":\"5d41402abc4b2a76b9719d911017c592\",\"appname\":\"General"
                + " Browsing\","
                + "\"urlsupercategory\":\"Miscellaneous\",\"devicehostname\":\"ACME-LT-0199\"}";

    /** The same record from a customer's template that renames five of its fields. */
    private static final String RENAMED =
            STANDARD.replace("\"datetime\"", "\"ts_local\"")
                    .replace("\"user\"", "\"usr\"")
                    .replace("\"action\"", "\"verdict\"")
                    .replace("\"urlcategory\"", "\"cat\"")
                    .replace("\"url\"", "\"full_url\"");

    private static CompiledParser compile(String config) throws ParserConfigException {
        return ParserCompiler.compile(config, "t.yaml");
    }

    private static List<String> errorsOf(String config) {
        try {
            compile(config);
        } catch (ParserConfigException e) {
            return e.messages();
        }
        throw new AssertionError("accepted: " + config);
    }

    private static FeedSettings berlin() {
        Problems problems = new Problems();
        OrgSettings settings =
                OrgSettingsValidator.parse(
                        "acme",
                        1,
                        "{\"feed_time_zones\": {\"zscaler\": \"Europe/Berlin\"}}",
                        problems);
        assertThat(problems.messages()).isEmpty();
        return FeedSettings.of(settings);
    }

    private static EventNormalizer.Result normalize(
            VendorRegistry vendors, String vendor, String record) {
        return new EventNormalizer()
                .normalize(
                        new RawEvent("acme", vendor, record, "test", 0),
                        Instant.parse("2026-11-21T00:00:00Z").toEpochMilli(),
                        vendors);
    }

    @Test
    void aRenamedTemplateBecomesTheSameEventAsTheStandardOneFieldByField() throws Exception {
        VendorRegistry vendors = VendorRegistry.builtIn(berlin()).plus(List.of(compile(TEMPLATE)));
        EventNormalizer.Result standard = normalize(vendors, "zscaler", STANDARD);
        EventNormalizer.Result renamed = normalize(vendors, "zscaler-eu-template", RENAMED);
        assertThat(standard.event).as(String.valueOf(standard.deadLetter)).isNotNull();
        assertThat(renamed.event).as(String.valueOf(renamed.deadLetter)).isNotNull();
        ObjectNode expected = Json.mapper().valueToTree(standard.event);
        ObjectNode actual = Json.mapper().valueToTree(renamed.event);
        assertThat(actual.remove("vendor").asText()).isEqualTo("zscaler-eu-template");
        expected.remove("vendor");
        assertThat(actual).isEqualTo(expected);
        assertThat(renamed.event.eventTime)
                .as("the org's Zscaler feed zone applies to the built-in it extends")
                .isEqualTo(Instant.parse("2026-11-20T08:41:17Z").toEpochMilli());
        assertThat(renamed.event.urlCategory).isEqualTo("Miscellaneous or Unknown");
        assertThat(renamed.event.action).isEqualTo("blocked");
    }

    @Test
    void autoPicksTheConfigurationByItsRecognizePathsAndTheBuiltInsShape() throws Exception {
        VendorRegistry vendors = VendorRegistry.builtIn().plus(List.of(compile(TEMPLATE)));
        assertThat(normalize(vendors, "auto", RENAMED).vendor).isEqualTo("zscaler-eu-template");
        assertThat(normalize(vendors, "auto", STANDARD).vendor).isEqualTo("zscaler");
        String notZscaler = "{\"ts_local\": \"2026-11-20 09:41:17\", \"usr\": \"a@acme.com\"}";
        assertThat(normalize(vendors, "zscaler-eu-template", notZscaler).deadLetter.reason)
                .as("recognize paths present, but renamed it is no Zscaler record")
                .isEqualTo("unrecognized_format");
        String partly =
                STANDARD.replace("\"user\"", "\"usr\"")
                        .replace("{", "{\"ts_local\": \"2026-11-20 09:41:17\", ");
        assertThat(normalize(vendors, "auto", partly).vendor)
                .as(
                        "Zscaler's own shape too, but the configuration that extends it is the more"
                                + " specific")
                .isEqualTo("zscaler-eu-template");
        VendorNormalizer unnamed = compile(TEMPLATE.replace("recognize: [ts_local, usr]\n", ""));
        assertThat(unnamed.autoDetectable()).isFalse();
        assertThat(
                        normalize(
                                        VendorRegistry.builtIn().plus(List.of(unnamed)),
                                        "zscaler-eu-template",
                                        RENAMED)
                                .event)
                .isNotNull();
    }

    @Test
    void fieldsAndTopLevelKeysOverrideOrFillTheBuiltInsEvent() throws Exception {
        String config =
                TEMPLATE.replace("version: 1", "version: 2\nproduct: ZIA EU\nclass: network")
                        + "fields:\n"
                        + "  event_time: {path: epoch, format: epoch_seconds}\n"
                        + "  actor: {path: upn}\n"
                        + "  app: {path: appname, transform: [upper]}\n"
                        + "  url: {path: alt_url}\n"
                        + "  dlp_profile: {value: none}\n";
        String record =
                RENAMED.replace(
                        "{",
                        "{\"epoch\": 1795170000, \"upn\": \"ACME\\\\gkim\","
                                + " \"alt_url\": \"https://other.example/x\", ");
        SecurityEvent e =
                normalize(
                                VendorRegistry.builtIn().plus(List.of(compile(config))),
                                "zscaler-eu-template",
                                record)
                        .event;
        assertThat(e.product).isEqualTo("ZIA EU");
        assertThat(e.eventClass).isEqualTo("network");
        assertThat(e.category).isEqualTo("network");
        assertThat(e.eventTime).isEqualTo(1795170000_000L);
        assertThat(e.actorEmail).as("the override replaces the built-in's identity").isNull();
        assertThat(e.actorDomain + "\\" + e.actorUserName).isEqualTo("ACME\\gkim");
        assertThat(e.app).isEqualTo("GENERAL BROWSING");
        assertThat(e.url).isEqualTo("https://other.example/x");
        assertThat(e.urlHost).as("recomputed from the overriding url").isEqualTo("other.example");
        assertThat(e.threatName)
                .as("the built-in's fields stay")
                .isEqualTo("Win32.Downloader.Gamarue");
        SecurityEvent without =
                normalize(
                                VendorRegistry.builtIn().plus(List.of(compile(config))),
                                "zscaler-eu-template",
                                RENAMED)
                        .event;
        assertThat(without.actorEmail)
                .as("absent overrides keep the built-in's values")
                .isEqualTo("grace.kim@acme.com");
        assertThat(without.url)
                .isEqualTo("http://files.invoice-portal.example/dl/Invoice_8812.iso");
        assertThat(without.eventClass).isEqualTo("network");
    }

    @Test
    void aRequiredOverrideThatIsAbsentIsADeadLetter() throws Exception {
        String config = TEMPLATE + "fields:\n  dlp_profile: {path: dlp, required: true}\n";
        EventNormalizer.Result r =
                normalize(
                        VendorRegistry.builtIn().plus(List.of(compile(config))),
                        "zscaler-eu-template",
                        RENAMED);
        assertThat(r.deadLetter.reason).isEqualTo("missing_field");
        assertThat(r.failedParser).isNull();
    }

    @Test
    void renamesMoveNestedValuesSwapAndLeaveTheRecordUnchanged() throws Exception {
        Renames renames =
                Renames.compile(
                        Json.mapper()
                                .readTree(
                                        "{\"a.b\": \"x.y\", \"x.y\": \"a.b\", \"list[0]\": \"z\","
                                                + " \"['d.e']\": \"f\", \"gone\": \"g\"}"),
                        new Problems());
        JsonNode record =
                Json.mapper()
                        .readTree(
                                "{\"a\": {\"b\": 1, \"c\": 2}, \"x\": {\"y\": 3}, \"list\": [4],"
                                        + " \"d.e\": 5}");
        String before = record.toString();
        JsonNode renamed = renames.apply(record);
        assertThat(renamed.toString())
                .isEqualTo(
                        "{\"a\":{\"c\":2,\"b\":3},\"x\":{\"y\":1},\"list\":[4],\"z\":4,\"f\":5}");
        assertThat(record.toString()).isEqualTo(before);
        JsonNode untouched = Json.mapper().readTree("{\"q\": 1}");
        assertThat(renames.apply(untouched)).isSameAs(untouched);
    }

    @Test
    void everyProblemOfAnExtendingConfigurationIsReportedWithItsPlace() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ", ").append("f").append(i).append(": g").append(i);
        }
        assertThat(errorsOf("parser: p\norg: acme\nversion: 1\nextends: bluecoat\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "t.yaml: extends at 4:1: 'bluecoat' is neither a built-in vendor"
                                + " (crowdstrike, defender, netskope, okta, proofpoint, zscaler)"
                                + " nor a configuration of the parsers library (")
                .contains("duo-auth"); // the library grows: its names are listed, not fixed here
        assertThat(
                        errorsOf(
                                "parser: p\norg: acme\nversion: 1\nextends: zscaler\n"
                                        + "rename: {'a..b': c, d: 'e[0]', f: {x: 1}, g: c, h: '"
                                        + "k.".repeat(16)
                                        + "k'}\n"))
                .containsExactly(
                        "t.yaml: rename.a..b at 5:10: path 'a..b' is not like a.b[0].c at character"
                                + " 3",
                        "t.yaml: rename.d at 5:21: a rename targets field names (a.b), not array"
                                + " elements: 'e[0]'",
                        "t.yaml: rename.f at 5:32: the name the built-in vendor reads (a field name"
                                + " or a.b path) is expected",
                        "t.yaml: rename.g at 5:43: 'c' is the target of another rename too",
                        "t.yaml: rename.h at 5:49: path '"
                                + "k.".repeat(16)
                                + "k' is deeper than 16");
        assertThat(
                        errorsOf(
                                "parser: p\norg: acme\nversion: 1\nextends: zscaler\nrename: {"
                                        + many
                                        + "}\n"))
                .containsExactly(
                        "t.yaml: rename at 5:1: a mapping of at most 64 record paths to the names "
                                + "the built-in reads");
        assertThat(
                        errorsOf(
                                "parser: p\n"
                                        + "org: acme\n"
                                        + "version: 1\n"
                                        + "class: web\n"
                                        + "rename: {a: b}\n"
                                        + "fields:\n"
                                        + "  event_time: {path: t}\n"
                                        + "  actor: {path: u}\n"))
                .containsExactly(
                        "t.yaml: rename at 5:1: renames belong to a configuration that extends a"
                                + " built-in vendor (extends: zscaler)");
        assertThat(errorsOf("parser: p\norg: acme\nversion: 1\nextends: zscaler\nfields: [app]\n"))
                .containsExactly("t.yaml: fields at 5:1: a mapping of schema fields is expected");
        assertThat(errorsOf("parser: zscaler\norg: acme\nversion: 1\nextends: zscaler\n"))
                .containsExactly(
                        "t.yaml: parser at 1:1: 'zscaler' is a built-in vendor; choose another"
                                + " name");
    }

    @Test
    void classEventTimeAndActorAreOptionalWithExtendsAndEveryBuiltInCanBeExtended()
            throws Exception {
        for (String vendor :
                List.of("zscaler", "okta", "netskope", "proofpoint", "crowdstrike", "defender")) {
            CompiledParser p =
                    compile(
                            "parser: my-"
                                    + vendor
                                    + "\norg: acme\nversion: 1\nextends: "
                                    + vendor
                                    + "\n");
            assertThat(p.extendsVendor()).isEqualTo(vendor);
        }
    }

    @Test
    void aBuiltInThatThrowsOnARenamedRecordDisablesTheConfigurationNotTheJob() throws Exception {
        VendorNormalizer throwing =
                new VendorNormalizer() {
                    @Override
                    public String vendor() {
                        return "zscaler";
                    }

                    @Override
                    public boolean recognizes(JsonNode record) {
                        return true;
                    }

                    @Override
                    public void normalize(JsonNode record, SecurityEvent out) {
                        throw new IllegalStateException("a gap in the built-in");
                    }
                };
        VendorRegistry vendors =
                new VendorRegistry(List.of(throwing)).plus(List.of(compile(TEMPLATE)));
        EventNormalizer.Result r = normalize(vendors, "zscaler-eu-template", RENAMED);
        assertThat(r.deadLetter.reason).isEqualTo("normalizer_error");
        assertThat(r.failedParser)
                .as("bound to the registry's instance of the built-in")
                .isNotNull();
        assertThat(r.failedParser.parser()).isEqualTo("zscaler-eu-template");
        assertThat(r.failedParser.version()).isEqualTo(1);
    }
}
