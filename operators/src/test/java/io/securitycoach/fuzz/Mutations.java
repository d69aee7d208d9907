package io.securitycoach.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid inputs, for fuzz tests with a fixed number of tries: the same seed
 * gives the same inputs, so a failure names a case that can be replayed. Structure-aware (replace,
 * drop or add a value of a JSON document, with values known to hurt parsers: huge and wrapping
 * numbers, far-off years, empty and oversized strings, control characters) and byte-level (delete,
 * insert, duplicate, truncate, append).
 */
final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** Strings that have broken, or could break, time, identity, URL and path handling. */
    private static final String[] STRINGS = {
        "",
        " ",
        "None",
        "null",
        "-",
        "+999999999-01-01T00:00:00Z",
        "-999999999-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2026-11-20T09:00:00+25:00",
        "2026-11-20T09:00:00.1234567890Z",
        "2026-11-20T09:00Z",
        "Mon Nov 20 08:15:00 2026",
        "Mon Nov 20 08:15:00 99999",
        "1795170000",
        "18446744075504721616",
        "-18446742278539551",
        "1e400",
        "NaN",
        "a@b",
        "@",
        "DOMAIN\\",
        "\\user",
        "http://",
        "https://[::1",
        "https://a@b@c:99999999/x",
        "//",
        "\u0000",
        "\u001b[31m",
        "\ud800",
        "\uffff",
        "é",
        "\u202e",
        "x".repeat(5000),
        "{",
        "[",
        "\"",
        "a.b.c",
        "$..a",
        "%s%n"
    };

    private static final String[] TOKENS = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "1e999", "-", "0", "\n",
        "\u0000", " ", "}{", "][", "/*", "'"
    };

    private final Random random;

    Mutations(long seed) {
        random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One to three mutations of a JSON text: mostly structural, sometimes of its bytes. */
    String json(String valid) {
        if (random.nextInt(10) < 3) {
            return text(valid);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(valid);
        } catch (Exception e) {
            return text(valid);
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            root = mutate(root);
        }
        return Json.write(root);
    }

    /** A byte-level change: delete, insert, duplicate, truncate or append. */
    String text(String s) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        switch (random.nextInt(6)) {
            case 0:
                return s.substring(0, at)
                        + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
            case 1:
                return s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
            case 2:
                String chunk = s.substring(at, Math.min(s.length(), at + random.nextInt(40)));
                return s.substring(0, at) + chunk + s.substring(at);
            case 3:
                return s.substring(0, at);
            case 4:
                return s + (random.nextBoolean() ? s : TOKENS[random.nextInt(TOKENS.length)]);
            default:
                return s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(at);
        }
    }

    /**
     * A hostile value: a number that wraps or overflows, a far-off time, an odd string, a
     * container.
     */
    JsonNode value() {
        switch (random.nextInt(8)) {
            case 0:
                return NODES.numberNode(
                        TWO_TO_64.add(BigInteger.valueOf(1_795_170_000L + random.nextInt(1000))));
            case 1:
                long[] longs = {
                    0,
                    -1,
                    Long.MAX_VALUE,
                    Long.MIN_VALUE,
                    -18446742278539551L,
                    1_795_170_000L,
                    1_795_170_000_000L,
                    7_300_000_000L,
                    Integer.MAX_VALUE
                };
                return NODES.numberNode(longs[random.nextInt(longs.length)]);
            case 2:
                double[] doubles = {1e308, -1e308, 1.5, 1795170000.999, -0.0, 1e-320};
                return NODES.numberNode(doubles[random.nextInt(doubles.length)]);
            case 3:
                return NODES.booleanNode(random.nextBoolean());
            case 4:
                return NODES.nullNode();
            case 5:
                return random.nextBoolean()
                        ? NODES.objectNode()
                        : NODES.arrayNode().add(NODES.textNode("a@acme.com"));
            default:
                return NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
        }
    }

    private JsonNode mutate(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return value();
        }
        JsonNode target = pick(containers);
        if (target.isObject()) {
            mutateObject((ObjectNode) target);
        } else {
            mutateArray((ArrayNode) target);
        }
        return root;
    }

    private void mutateObject(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || random.nextInt(6) == 0) {
            object.set("f" + random.nextInt(5), value());
            return;
        }
        String name = pick(names);
        switch (random.nextInt(4)) {
            case 0:
                object.remove(name);
                break;
            case 1:
                object.set(name, NODES.arrayNode().add(object.get(name).deepCopy()));
                break;
            default:
                object.set(name, value());
        }
    }

    private void mutateArray(ArrayNode array) {
        if (array.isEmpty() || random.nextBoolean()) {
            array.add(value());
        } else {
            array.set(random.nextInt(array.size()), value());
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), into);
            }
        }
    }
}
