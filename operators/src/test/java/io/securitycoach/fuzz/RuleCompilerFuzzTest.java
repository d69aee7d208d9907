package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.securitycoach.rules.RuleCompiler;
import io.securitycoach.rules.RuleRejectedException;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated rules (CEL tokens spliced into {@code when} and {@code scope}, hostile values for every
 * field, byte-level changes of the YAML) from the samples and the rule library: the compiler
 * answers with the rule or a {@link RuleRejectedException}, never anything else.
 */
class RuleCompilerFuzzTest {
    private static final int TRIES = 1200;
    private static final String[] CEL = {
        " && ",
        " || ",
        "!",
        "(",
        ")",
        "event.",
        "user.",
        "event.raw[\"x\"]",
        ".size()",
        "\"",
        "'",
        "1/0",
        " in ",
        "[",
        "]",
        "{",
        "}",
        "?",
        ":",
        "has(event.url)",
        "event.raw.x",
        "9223372036854775807",
        "-9223372036854775808",
        "int(",
        "string(",
        "timestamp(\"x\")",
        "duration(\"1h\")",
        ".exists(t, t == 1)",
        ".map(x, x)",
        "event.url.matches(\"a+\")",
        "size(",
        "0x",
        "1e999",
        "b\"\\xff\"",
        "\\",
        "\u0000",
        "dyn(",
        "type(",
        ".all(x, ",
        "(".repeat(40),
        "event.url_category == ",
        "null",
        "true",
        "[1,2,3].filter(x, x > 1)",
        "{1: 2}",
        "user.tags[0]",
        "user.tags.exists(t, t == \"vip\")",
        "%",
        "event.nope"
    };
    private static final String[] FIELDS = {
        "when",
        "scope",
        "threshold",
        "sequence",
        "suppress",
        "coach",
        "id",
        "version",
        "severity",
        "mode",
        "enabled",
        "description"
    };

    @Test
    void mutatedRulesCompileOrAreRejectedAndNeverCrash() throws Exception {
        Path home = VendorNormalizerFuzzTest.SAMPLES.getParent();
        List<JsonNode> rules = new ArrayList<>();
        for (Path file : ruleFiles(home.resolve("samples/rules"), home.resolve("rules-library"))) {
            rules.add(new YAMLMapper().readTree(Files.readString(file)));
        }
        RuleCompiler compiler = new RuleCompiler();
        Mutations m = new Mutations(42);
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            String text = mutate((ObjectNode) m.pick(rules).deepCopy(), m);
            try {
                compiler.parseAndCompile(text, "fuzz-" + i + ".yaml");
                accepted++;
            } catch (RuleRejectedException rejected) {
                assertThat(rejected.problems()).as("a rejection says why: %s", text).isNotEmpty();
            } catch (Throwable t) {
                throw new AssertionError("the rule compiler threw on try " + i + ": " + text, t);
            }
        }
        assertThat(accepted).as("some mutations stay valid").isPositive();
    }

    private static String mutate(ObjectNode rule, Mutations m) {
        switch (m.nextInt(4)) {
            case 0:
                return m.text(Json.write(rule));
            case 1:
                rule.set(FIELDS[m.nextInt(FIELDS.length)], m.value());
                return Json.write(rule);
            default:
                String field = m.nextInt(4) == 0 ? "scope" : "when";
                String expression = rule.path(field).asText("true");
                for (int n = 0, count = 1 + m.nextInt(3); n < count; n++) {
                    int at = expression.isEmpty() ? 0 : m.nextInt(expression.length() + 1);
                    expression =
                            expression.substring(0, at)
                                    + CEL[m.nextInt(CEL.length)]
                                    + expression.substring(at);
                }
                rule.put(field, expression);
                return Json.write(rule);
        }
    }

    private static List<Path> ruleFiles(Path... folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                files.addAll(
                        walk.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                                .filter(p -> !p.toString().contains("/tests/"))
                                .sorted()
                                .collect(Collectors.toList()));
            }
        }
        return files;
    }
}
