package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorFileFormatTest {
    @TempDir java.nio.file.Path dir;

    private FileSourceSplit split(java.nio.file.Path file, CheckpointedPosition position)
            throws Exception {
        return new FileSourceSplit(
                "s",
                new Path(file.toUri()),
                0,
                Files.size(file),
                0,
                Files.size(file),
                new String[0],
                position);
    }

    private static List<RecordAndPosition<RawEvent>> readAll(BulkFormat.Reader<RawEvent> reader)
            throws Exception {
        List<RecordAndPosition<RawEvent>> all = new ArrayList<>();
        BulkFormat.RecordIterator<RawEvent> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<RawEvent> r;
            while ((r = batch.next()) != null) {
                all.add(
                        new RecordAndPosition<>(
                                r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
            }
            batch.releaseBatch();
        }
        reader.close();
        return all;
    }

    @Test
    void tagsRecordsWithOrgAndVendorFromThePathAndSkipsBlankLines() throws Exception {
        java.nio.file.Path file = dir.resolve("acme/okta/day.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}");
        List<RecordAndPosition<RawEvent>> records =
                readAll(
                        new VendorFileFormat(1000, List.of(dir.toUri().toString()))
                                .createReader(new Configuration(), split(file, null)));
        assertThat(records)
                .extracting(r -> r.getRecord().payload)
                .containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        assertThat(records).extracting(r -> r.getRecord().orgId).containsOnly("acme");
        assertThat(records).extracting(r -> r.getRecord().vendor).containsOnly("okta");
        assertThat(records.get(2).getRecord().origin).endsWith("day.jsonl:5");
        assertThat(records)
                .extracting(RecordAndPosition::getRecordSkipCount)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void restoresAfterTheCheckpointedRecordAndReadsGzip() throws Exception {
        java.nio.file.Path file = dir.resolve("globex/zscaler/day.jsonl.gz");
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n".getBytes(StandardCharsets.UTF_8));
        }
        FileSourceSplit restored =
                split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2));
        List<RecordAndPosition<RawEvent>> records =
                readAll(
                        new VendorFileFormat(1000, List.of(dir.toUri().toString()))
                                .restoreReader(new Configuration(), restored));
        assertThat(records).extracting(r -> r.getRecord().payload).containsExactly("{\"n\":3}");
        assertThat(records.get(0).getRecordSkipCount()).isEqualTo(3);
        assertThat(records.get(0).getRecord().orgId).isEqualTo("globex");
    }

    @Test
    void overlongLinesAreCutJustPastTheLimitWithoutBufferingThem() throws Exception {
        String longLine = "x".repeat(100_000);
        BoundedLineReader reader =
                new BoundedLineReader(new StringReader("short\n" + longLine + "\nnext"), 10);
        assertThat(reader.readLine()).isEqualTo("short");
        assertThat(reader.readLine()).hasSize(11);
        assertThat(reader.readLine()).isEqualTo("next");
        assertThat(reader.readLine()).isNull();
    }
}
