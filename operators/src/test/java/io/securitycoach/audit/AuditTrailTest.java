package io.securitycoach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the part files FileSink has committed count; in-progress, pending and tails do not. */
class AuditTrailTest {
    @TempDir Path audit;

    @Test
    void readsCommittedPartFilesOnlyInNameOrder() throws Exception {
        write("detections/org=acme/part-0-1.jsonl", "{\"n\":2}");
        write("detections/org=acme/part-0-0.jsonl", "{\"n\":1}", "", "{\"n\":1.5}");
        write("detections/org=acme/.part-0-2.jsonl.inprogress.5c1e", "{\"n\":99}");
        write("detections/org=acme/_part-0-3.jsonl_tmp_8d2f", "{\"n\":98}");
        write("detections/_temporary/part-0-0.jsonl", "{\"n\":97}");
        write("detections/org=acme/notes.txt", "{\"n\":96}");

        List<JsonNode> lines = AuditTrail.read(audit, AuditStage.DETECTIONS);

        assertThat(lines.stream().map(l -> l.get("n").asText()).collect(Collectors.toList()))
                .containsExactly("1", "1.5", "2");
    }

    @Test
    void namesTheFileOfEachLine() throws Exception {
        write("events/part-0-0.jsonl", "{\"n\":1}");
        List<String> files = new ArrayList<>();
        AuditTrail.forEach(audit, AuditStage.EVENTS, (record, file) -> files.add(file));
        assertThat(files).containsExactly(audit.resolve("events/part-0-0.jsonl").toString());
    }

    @Test
    void anAbsentStageHasNoLines() {
        assertThat(AuditTrail.read(audit, AuditStage.RAW)).isEmpty();
    }

    @Test
    void countsCommittedBytesByStage() throws Exception {
        write("raw/part-0-0.jsonl", "{\"n\":1}");
        write("raw/.part-0-1.jsonl.inprogress.1", "{\"n\":22222}");
        write("events/org=acme/part-0-0.jsonl", "{\"n\":12}");
        write("_keep/part-0-0.jsonl", "{}");

        assertThat(AuditTrail.committedBytesByStage(audit))
                .containsOnlyKeys("raw", "events")
                .containsEntry("raw", 8L)
                .containsEntry("events", 9L);
    }

    private void write(String relative, String... lines) throws Exception {
        Path file = audit.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
