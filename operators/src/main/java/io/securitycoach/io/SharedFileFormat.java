package io.securitycoach.io;

import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
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
import org.apache.flink.core.fs.Path;

/**
 * Reads the files of a shared prefix ({@code .jsonl[.gz]} anywhere below it): each non-blank line
 * is one envelope ({@link EnvelopeReader}), emitted sealed for {@link OpenEnvelopes}. Unlike drop
 * folders, the path names no org: the envelope does. One file is one split; the position
 * checkpointed is the number of lines emitted, so a restore resumes after the last one the job had.
 */
public class SharedFileFormat implements BulkFormat<RawEvent, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 256;

    private final int maxLineChars;

    public SharedFileFormat(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    @Override
    public Reader<RawEvent> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new EnvelopeLines(split.path(), 0);
    }

    @Override
    public Reader<RawEvent> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new EnvelopeLines(split.path(), skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return RawEventTypeInfo.INSTANCE;
    }

    private final class EnvelopeLines implements BulkFormat.Reader<RawEvent> {
        private final BoundedLineReader lines;
        private final String file;
        private long emitted;
        private long lineNumber;

        EnvelopeLines(Path path, long skip) throws IOException {
            InputStream in = path.getFileSystem().open(path);
            if (path.getName().endsWith(".gz")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            this.lines =
                    new BoundedLineReader(
                            new InputStreamReader(in, StandardCharsets.UTF_8), maxLineChars);
            this.file = path.toString();
            while (emitted < skip && nextLine() != null) {
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
            while (n < BATCH && (line = nextLine()) != null) {
                batch[n++] = SharedChannel.sealed(line, file + ":" + lineNumber, now);
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<RawEvent> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
            emitted += n;
            return it;
        }

        private String nextLine() throws IOException {
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
