package io.securitycoach.io;

import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads vendor drop files laid out {@code <root>/<org_id>/<vendor>/<file>.jsonl[.gz]} (local folder
 * or S3 prefix alike) into {@link RawEvent}s that carry the org and vendor named by the path. One
 * file is one split; the position checkpointed is the number of records read, so a restore resumes
 * after the last record the job had.
 */
public class VendorFileFormat implements BulkFormat<RawEvent, FileSourceSplit> {
    private static final int BATCH = 256;

    private final int maxRecordChars;

    public VendorFileFormat(int maxRecordChars) {
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public Reader<RawEvent> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new LineReader(split, 0);
    }

    @Override
    public Reader<RawEvent> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new LineReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }

    /** org and vendor from the two folders above the file. */
    static String[] orgAndVendor(Path file) {
        Path vendorDir = file.getParent();
        Path orgDir = vendorDir == null ? null : vendorDir.getParent();
        return new String[] {
            orgDir == null ? null : orgDir.getName(), vendorDir == null ? null : vendorDir.getName()
        };
    }

    private final class LineReader implements BulkFormat.Reader<RawEvent> {
        private final BoundedLineReader lines;
        private final String orgId;
        private final String vendor;
        private final String file;
        private long emitted;
        private long lineNumber;

        LineReader(FileSourceSplit split, long skip) throws IOException {
            Path path = split.path();
            FSDataInputStream stream = path.getFileSystem().open(path);
            InputStream in =
                    path.getName().endsWith(".gz")
                            ? new GZIPInputStream(stream, 64 * 1024)
                            : stream;
            this.lines =
                    new BoundedLineReader(
                            new InputStreamReader(in, StandardCharsets.UTF_8), maxRecordChars);
            String[] ov = orgAndVendor(path);
            this.orgId = ov[0];
            this.vendor = ov[1];
            this.file = path.toString();
            while (emitted < skip && nextRecordLine() != null) {
                emitted++;
            }
        }

        @Nullable
        @Override
        public RecordIterator<RawEvent> readBatch() throws IOException {
            RawEvent[] batch = new RawEvent[BATCH];
            int n = 0;
            long now = System.currentTimeMillis();
            String line;
            while (n < BATCH && (line = nextRecordLine()) != null) {
                batch[n++] = new RawEvent(orgId, vendor, line, file + ":" + lineNumber, now);
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<RawEvent> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
            emitted += n;
            return it;
        }

        /** The next non-blank line; blank lines are not records. */
        private String nextRecordLine() throws IOException {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
