package io.securitycoach.jobs.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run's integration definitions ({@code ./coach run --integrations PATH}): a file or folder of
 * the control messages the control stream carries, as JSON ({@code .json}: one message or an array;
 * {@code .jsonl}: one per line). A definition's {@code payload} may be written as a JSON object; it
 * travels as its text. A message that cannot be read becomes {@code unreadable}, which the job
 * answers with a rejected status.
 */
public final class IntegrationFiles {
    private IntegrationFiles() {}

    public static List<ControlMessage> read(Path path) {
        List<ControlMessage> messages = new ArrayList<>();
        for (Path file : files(path)) {
            messages.addAll(readFile(file));
        }
        return messages;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> all = Files.walk(path, 2)) {
            return all.filter(
                            p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static List<ControlMessage> readFile(Path file) {
        List<ControlMessage> messages = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl")) {
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    messages.add(message(lines[i], name + ":" + (i + 1)));
                }
            }
            return messages;
        }
        JsonNode json = tree(text);
        if (json != null && json.isArray()) {
            int i = 0;
            for (JsonNode m : json) {
                messages.add(message(m, name + "[" + i++ + "]"));
            }
            return messages;
        }
        messages.add(message(text, name));
        return messages;
    }

    private static ControlMessage message(String text, String source) {
        JsonNode json = tree(text);
        return json == null ? ControlMessage.unreadable("not JSON", source) : message(json, source);
    }

    private static ControlMessage message(JsonNode json, String source) {
        try {
            if (json.path("payload").isObject() && json instanceof ObjectNode) {
                ((ObjectNode) json).put("payload", json.get("payload").toString());
            }
            ControlMessage m = Json.mapper().treeToValue(json, ControlMessage.class);
            m.source = m.source == null ? source : m.source;
            return m;
        } catch (IOException | IllegalArgumentException e) {
            return ControlMessage.unreadable("not a control message", source);
        }
    }

    private static JsonNode tree(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
