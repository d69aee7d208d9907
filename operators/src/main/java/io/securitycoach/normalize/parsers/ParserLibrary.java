package io.securitycoach.normalize.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.normalize.NormalizationException;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shipped library of parsing configurations ({@code parsers-library/<vendor>/}): each vendor's
 * {@code parser.yaml} (filed under the placeholder org {@value #PLACEHOLDER_ORG}), its fixture
 * records ({@code fixtures.jsonl}) and their expected meaning ({@code expected.jsonl}, one JSON
 * object per record: person, class, activity, action, outcome, time, key_object; a JSON array of
 * them for a record that fans out to several events; {@code {"dead_letter": reason}} for an event
 * that is one). An org enables a configuration by name; it is compiled under that org's id.
 */
public final class ParserLibrary {
    public static final String PLACEHOLDER_ORG = "library";
    public static final String CONFIG = "parser.yaml";
    public static final String FIXTURES = "fixtures.jsonl";
    public static final String EXPECTED = "expected.jsonl";
    private static final Pattern ORG_LINE =
            Pattern.compile("(?m)^org: " + PLACEHOLDER_ORG + "[ \\t]*$");

    private ParserLibrary() {}

    /** The vendor folders under {@code root} (those with a parser.yaml), sorted. */
    public static List<Path> vendors(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(CONFIG)))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * A library configuration compiled for {@code orgId}: the placeholder org line is the one place
     * the org changes, so a configuration without it is refused.
     */
    public static CompiledParser compileFor(Path vendorDir, String orgId)
            throws IOException, ParserConfigException {
        Path file = vendorDir.resolve(CONFIG);
        String text = readUtf8(file);
        if (!ORG_LINE.matcher(text).find()) {
            throw ParserConfigException.whole(
                    file.toString(), "a library configuration has the line 'org: library'");
        }
        return ParserCompiler.compile(
                ORG_LINE.matcher(text).replaceFirst("org: " + orgId), file.toString());
    }

    /** One fixture record's check: passed, or why not. */
    public static final class Result {
        public final String name;
        public final boolean passed;
        public final String detail;

        Result(String name, boolean passed, String detail) {
            this.name = name;
            this.passed = passed;
            this.detail = detail;
        }
    }

    /**
     * Compiles the vendor's configuration and compares each fixture record's meaning with the
     * expected one; an invalid configuration or a missing file is one failed result.
     */
    public static List<Result> check(Path vendorDir) throws IOException {
        String vendor = vendorDir.getFileName().toString();
        CompiledParser parser;
        try {
            parser = compileFor(vendorDir, PLACEHOLDER_ORG);
        } catch (ParserConfigException e) {
            return List.of(new Result(vendor, false, String.join("; ", e.messages())));
        }
        List<String> records = lines(vendorDir.resolve(FIXTURES));
        List<String> expected = lines(vendorDir.resolve(EXPECTED));
        if (records.size() != expected.size() || records.isEmpty()) {
            return List.of(
                    new Result(
                            vendor,
                            false,
                            records.size() + " fixture records, " + expected.size() + " expected"));
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            results.add(
                    checkRecord(parser, vendor + "#" + (i + 1), records.get(i), expected.get(i)));
        }
        return results;
    }

    private static Result checkRecord(
            CompiledParser parser, String name, String record, String expectedText)
            throws IOException {
        JsonNode expected = Json.mapper().readTree(expectedText);
        JsonNode tree = Json.mapper().readTree(record);
        int count = parser.eventCount(tree);
        ArrayNode events = Json.mapper().createArrayNode();
        for (int i = 0; i < count; i++) {
            events.add(eventMeaning(parser, tree, i));
        }
        JsonNode actual = count == 1 ? events.get(0) : events;
        return actual.equals(expected)
                ? new Result(name, true, actual.toString())
                : new Result(name, false, "expected " + expected + " but was " + actual);
    }

    /**
     * The meaning of the record's {@code index}-th event, or {@code {"dead_letter": reason}} when
     * it is one.
     */
    private static JsonNode eventMeaning(CompiledParser parser, JsonNode record, int index) {
        SecurityEvent event = new SecurityEvent();
        try {
            parser.normalize(record, index, event);
            return meaning(event);
        } catch (NormalizationException e) {
            return Json.mapper().createObjectNode().put("dead_letter", e.reason());
        }
    }

    /**
     * The meaning of an event as the expected files write it; {@code key_object} is the first set
     * of threat_name, url, email_subject, file_name, app, dlp_profile (most specific first).
     */
    public static ObjectNode meaning(SecurityEvent e) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("person", e.actorEmail != null ? e.actorEmail : e.actorUserName);
        m.put("class", e.eventClass);
        m.put("activity", e.activity);
        m.put("action", e.action);
        m.put("outcome", e.outcome);
        m.put("time", Instant.ofEpochMilli(e.eventTime).toString());
        m.put("key_object", keyObject(e));
        return m;
    }

    private static String keyObject(SecurityEvent e) {
        String[] inOrder = {e.threatName, e.url, e.emailSubject, e.fileName, e.app, e.dlpProfile};
        for (String v : inOrder) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return readUtf8(file).lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    private static String readUtf8(Path file) throws IOException {
        try {
            return Utf8Text.decode(Files.readAllBytes(file));
        } catch (Utf8Text.InvalidUtf8Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
