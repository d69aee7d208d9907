package io.securitycoach.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.notify.InertText;
import io.securitycoach.schema.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Every request as a JSON line (time, path, idempotency key, duplicate or not, shown or not, the
 * answer's status, the body) in the record file, if any; each shown message as a line to the echo,
 * if any.
 */
final class RequestLog implements AutoCloseable {
    private final BufferedWriter record;
    private final Consumer<String> echo;

    RequestLog(Path recordFile, Consumer<String> echo) throws IOException {
        this.echo = echo;
        if (recordFile != null) {
            Path parent = recordFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.record =
                    Files.newBufferedWriter(
                            recordFile,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
        } else {
            this.record = null;
        }
    }

    /**
     * @param shown the message as shown to the employee, null when the request showed nothing
     */
    void write(
            String path, String key, boolean duplicate, int status, JsonNode body, JsonNode shown)
            throws IOException {
        if (record != null) {
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("time", System.currentTimeMillis());
            line.put("path", path);
            line.put("idempotency_key", key);
            line.put("duplicate", duplicate);
            line.put("shown", shown != null);
            line.put("status", status);
            line.set("body", body);
            String text = Json.write(line);
            synchronized (record) {
                record.write(text);
                record.newLine();
                record.flush();
            }
        }
        if (echo != null && shown != null) {
            String who =
                    shown.hasNonNull("email")
                            ? shown.get("email").asText()
                            : shown.path("slack_user").asText("?");
            // Vendor text reaches a terminal here: no escape sequences, no bidi overrides.
            echo.accept(
                    InertText.printable(
                            "[receiver] "
                                    + shown.get("channel").asText()
                                    + " -> "
                                    + who
                                    + ": "
                                    + shown.path("text").asText()));
        }
    }

    @Override
    public void close() throws IOException {
        if (record != null) {
            synchronized (record) {
                record.close();
            }
        }
    }
}
