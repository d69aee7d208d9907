package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFileFormatTest {
    @TempDir java.nio.file.Path dir;

    private static final String ACME =
            "{\"org_id\": \"acme\", \"vendor\": \"netskope\", \"record\": \"{\\\"a\\\": 1}\"}";
    private static final String GLOBEX =
            "{\"org_id\": \"globex\", \"vendor\": \"netskope\", \"record\": {\"b\": 2}}";

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

    private java.nio.file.Path gzip(String name, String text) throws Exception {
        // a path that names an org is not read as one: the envelope names it
        java.nio.file.Path file = dir.resolve("globex/okta/2026/12/07/" + name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void eachLineIsASealedEnvelopeWhateverThePathSays() throws Exception {
        java.nio.file.Path file = gzip("x.jsonl.gz", ACME + "\n\n" + GLOBEX + "\n");
        List<RecordAndPosition<RawEvent>> read =
                readAll(
                        new SharedFileFormat(10_000)
                                .createReader(new Configuration(), split(file, null)));
        assertThat(read).extracting(r -> r.getRecord().payload).containsExactly(ACME, GLOBEX);
        assertThat(read).allMatch(r -> SharedChannel.isSealed(r.getRecord()));
        assertThat(read.get(1).getRecord().origin).endsWith("x.jsonl.gz:3");

        List<RawEvent> opened = new ArrayList<>();
        for (RecordAndPosition<RawEvent> r : read) {
            new OpenEnvelopes(new SharedChannel(null))
                    .flatMap(r.getRecord(), new ListCollector<>(opened));
        }
        assertThat(opened)
                .extracting(e -> e.orgId + "/" + e.vendor + " " + e.payload)
                .containsExactly("acme/netskope {\"a\": 1}", "globex/netskope {\"b\": 2}");
    }

    @Test
    void aRestoreResumesAfterTheLinesAlreadyEmitted() throws Exception {
        java.nio.file.Path file = gzip("y.jsonl.gz", ACME + "\n" + GLOBEX + "\n");
        List<RecordAndPosition<RawEvent>> rest =
                readAll(
                        new SharedFileFormat(10_000)
                                .restoreReader(
                                        new Configuration(),
                                        split(
                                                file,
                                                new CheckpointedPosition(
                                                        CheckpointedPosition.NO_OFFSET, 1))));
        assertThat(rest).extracting(r -> r.getRecord().payload).containsExactly(GLOBEX);
    }
}
