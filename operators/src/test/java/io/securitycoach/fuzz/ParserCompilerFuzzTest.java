package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated parsing configurations (hostile paths, formats, zones, transforms and regexes in the
 * example configurations, plus generic JSON and byte mutations): the compiler answers with a
 * configuration error or a parser, never anything else, and an accepted parser run on mutated
 * records of its feed throws nothing but a dead-letter reason.
 */
class ParserCompilerFuzzTest {
    private static final int TRIES = 1000;
    private static final int RECORDS_PER_PARSER = 10;
    private static final String[] KEYS = {
        "path", "paths", "format", "time_zone", "transform", "value", "required", "x"
    };
    private static final String[] TEXTS = {
        "epoch_millis",
        "epoch_micros",
        "epoch_nanos",
        "epoch_seconds",
        "iso8601",
        "yyyy-MM-dd HH:mm:ss",
        "'",
        "[",
        "{",
        "ppppp",
        "y".repeat(40),
        "G".repeat(30),
        "Q",
        "VV",
        "epoch_fortnights",
        "",
        "UTC",
        "Mars/Olympus",
        "+25:00",
        "GMT+14",
        "a..b",
        "$",
        "$.",
        "a[",
        "a[-1]",
        "a[99999999999]",
        "['x",
        "a.b[0].c",
        "$['x']['y']",
        "ts",
        "fw.rule",
        "a".repeat(300),
        "a.".repeat(40) + "b",
        "lower",
        "trim",
        "upper"
    };
    private static final String[] TRANSFORMS = {
        "{\"split\": \"\"}",
        "{\"split\": \":\", \"index\": 2147483648}",
        "{\"split\": \":\", \"index\": -2147483648}",
        "{\"split\": \":\", \"index\": -1}",
        "{\"regex\": \"(\"}",
        "{\"regex\": \"a{1000}\"}",
        "{\"regex\": \"(?i)^([a-z]+)\"}",
        "{\"regex\": \"\\\\pL+\"}",
        "{\"regex\": \"(a?){300}\"}",
        "{\"map\": {}}",
        "{\"map\": {\"a\": 1}, \"default\": null}",
        "{\"unknown\": 1}",
        "[]",
        "null",
        "42",
        "{\"regex\": \"x\", \"extra\": 1}",
        "{\"map\": {\"a\": \"b\"}, \"default\": {}}"
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mimecast-email", "generic-firewall"})
    void mutatedConfigurationsCompileOrAreRejectedAndNeverCrash(String name) throws Exception {
        JsonNode config =
                new YAMLMapper()
                        .readTree(
                                Files.readString(
                                        VendorNormalizerFuzzTest.SAMPLES.resolve(
                                                "parsers/" + name + ".yaml")));
        Path feed = VendorNormalizerFuzzTest.SAMPLES.resolve("vendors/" + name + ".jsonl");
        List<String> records =
                Files.readAllLines(feed).stream()
                        .filter(l -> !l.isBlank())
                        .collect(Collectors.toList());
        fuzz(config, records, name);
    }

    /** The library's configurations (parsers-library/), mutated, on their own fixture records. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "duo-auth",
                "entra-signins",
                "google-workspace-login",
                "umbrella-activity",
                "mimecast-attachment-protect",
                "duo-trust-monitor",
                "google-workspace-bigquery-drive",
                "cloudflare-gateway-http",
                "sentinelone-threats",
                "sophos-central",
                "slack-audit",
                "github-audit"
            })
    void mutatedLibraryConfigurationsCompileOrAreRejectedAndNeverCrash(String vendor)
            throws Exception {
        Path folder =
                VendorNormalizerFuzzTest.SAMPLES.resolveSibling("parsers-library").resolve(vendor);
        JsonNode config =
                new YAMLMapper().readTree(Files.readString(folder.resolve("parser.yaml")));
        List<String> records =
                Files.readAllLines(folder.resolve("fixtures.jsonl")).stream()
                        .filter(l -> !l.isBlank())
                        .collect(Collectors.toList());
        fuzz(config, records, vendor);
    }

    private static void fuzz(JsonNode config, List<String> records, String name) throws Exception {
        Mutations mutations = new Mutations(name.hashCode());
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            String text = mutate(config, mutations);
            CompiledParser parser;
            try {
                parser = ParserCompiler.compile(text, "fuzz-" + i + ".yaml");
            } catch (ParserConfigException rejected) {
                continue;
            } catch (Throwable t) {
                throw new AssertionError("compile threw on try " + i + ": " + text, t);
            }
            accepted++;
            run(parser, records, mutations, text);
        }
        assertThat(accepted).as("some mutations stay valid").isPositive();
    }

    private static String mutate(JsonNode config, Mutations m) throws Exception {
        ObjectNode copy = (ObjectNode) config.deepCopy();
        List<ObjectNode> fields = new ArrayList<>();
        copy.path("fields")
                .elements()
                .forEachRemaining(
                        f -> {
                            if (f.isObject()) {
                                fields.add((ObjectNode) f);
                            }
                        });
        for (int n = 0, count = 1 + m.nextInt(3); n < count && !fields.isEmpty(); n++) {
            ObjectNode field = m.pick(fields);
            String key = KEYS[m.nextInt(KEYS.length)];
            if ("transform".equals(key)) {
                field.set(
                        key,
                        Json.mapper()
                                .readTree("[" + TRANSFORMS[m.nextInt(TRANSFORMS.length)] + "]"));
            } else {
                field.put(key, TEXTS[m.nextInt(TEXTS.length)]);
            }
        }
        String json = Json.write(copy);
        return m.nextInt(4) == 0 ? m.json(json) : json;
    }

    private static void run(
            CompiledParser parser, List<String> records, Mutations m, String config) {
        for (int r = 0; r < RECORDS_PER_PARSER; r++) {
            String record = r == 0 ? m.pick(records) : m.json(m.pick(records));
            try {
                JsonNode tree = Json.mapper().readTree(record);
                if (tree != null && tree.isObject() && parser.recognizes(tree)) {
                    parser.normalize(tree, new SecurityEvent());
                }
            } catch (NormalizationException | JsonProcessingException expected) {
                // a dead letter, or not JSON at all
            } catch (Throwable t) {
                throw new AssertionError(
                        "the compiled parser threw on " + record + "\nconfiguration: " + config, t);
            }
        }
    }
}
