package io.securitycoach.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One injected fault as the soak logged it ({@code faults.jsonl}: kind, start_ms, end_ms): from the
 * moment it was injected to the moment the broken part was back (a restarted TaskManager, a
 * resubmitted job, a running kinesalite again).
 */
public final class Fault {
    public final String kind;
    public final long startMillis;
    public final long endMillis;

    public Fault(String kind, long startMillis, long endMillis) {
        this.kind = kind;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
    }

    public static List<Fault> read(Path file) {
        List<Fault> out = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode f = Json.mapper().readTree(line);
                    out.add(
                            new Fault(
                                    f.path("kind").asText(),
                                    f.path("start_ms").asLong(),
                                    f.path("end_ms").asLong()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read faults " + file, e);
        }
        return out;
    }

    public String toJson() {
        return Json.write(Map.of("kind", kind, "start_ms", startMillis, "end_ms", endMillis));
    }
}
