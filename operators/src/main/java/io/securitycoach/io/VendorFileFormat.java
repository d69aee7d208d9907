package io.securitycoach.io;

import io.securitycoach.normalize.Reasons;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventTypeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
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
 * or S3 prefix alike) into {@link RawEvent}s that carry the org and vendor named by the path below
 * its root ({@link DropLayout}). One file is one split; the position checkpointed is the number of
 * records read, so a restore resumes after the last record the job had. A file outside the layout,
 * or refused by the {@link DropFolderEnumerator}, is not opened: it becomes one record marked
 * {@link RawEvent#rejectedReason} ({@code invalid_path}), which the normalizer makes an {@code
 * invalid_path} dead letter.
 */
public class VendorFileFormat implements BulkFormat<RawEvent, FileSourceSplit> {
    private static final int BATCH = 256;

    private final int maxRecordChars;
    private final List<String> roots;

    /**
     * @param roots the drop roots the source reads, as configured: a file's org and vendor are the
     *     two folders below the root it is under
     */
    public VendorFileFormat(int maxRecordChars, List<String> roots) {
        this.maxRecordChars = maxRecordChars;
        this.roots = List.copyOf(roots);
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
        return RawEventTypeInfo.INSTANCE;
    }

    /** The split's refusal, else the placement of its file below the deepest root it is under. */
    public DropLayout.Placement placement(FileSourceSplit split) throws IOException {
        DropLayout.Placement refused = DropSplits.refusal(split.splitId());
        if (refused != null) {
            return refused;
        }
        URI file = split.path().toUri();
        String best = null;
        for (String root : roots) {
            Path rootPath = new Path(root);
            URI qualified = rootPath.makeQualified(rootPath.getFileSystem()).toUri();
            String prefix =
                    qualified.getPath().endsWith("/")
                            ? qualified.getPath()
                            : qualified.getPath() + "/";
            if (Objects.equals(qualified.getAuthority(), file.getAuthority())
                    && file.getPath().startsWith(prefix)
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null
                ? DropLayout.Placement.refused("not below a configured drop root", null)
                : DropLayout.place(best, file.getPath());
    }

    private final class LineReader implements BulkFormat.Reader<RawEvent> {
        private final BoundedLineReader lines;
        private final String orgId;
        private final String vendor;
        private final String file;

        /** The problem of a refused file until its one record is emitted, else null. */
        private String refusal;

        private long emitted;
        private long lineNumber;

        LineReader(FileSourceSplit split, long skip) throws IOException {
            Path path = split.path();
            DropLayout.Placement placement = placement(split);
            this.file = path.toString();
            if (!placement.isValid()) {
                this.emitted = skip;
                this.lines = null;
                this.orgId = placement.folderOrg;
                this.vendor = null;
                this.refusal = skip == 0 ? placement.problem : null;
                return;
            }
            this.refusal = null;
            this.orgId = placement.org;
            this.vendor = placement.vendor;
            FSDataInputStream stream = path.getFileSystem().open(path);
            InputStream in =
                    path.getName().endsWith(".gz")
                            ? new GZIPInputStream(stream, 64 * 1024)
                            : stream;
            this.lines =
                    new BoundedLineReader(
                            new InputStreamReader(in, StandardCharsets.UTF_8), maxRecordChars);
            while (emitted < skip && nextRecordLine() != null) {
                emitted++;
            }
        }

        /** The one record of a refused file: its path and why, nothing of its content. */
        private RecordIterator<RawEvent> refusedRecord() {
            RawEvent record = new RawEvent(orgId, null, "", file, System.currentTimeMillis());
            record.rejectedReason = Reasons.INVALID_PATH;
            record.rejectedMessage = refusal;
            refusal = null;
            ArrayResultIterator<RawEvent> it = new ArrayResultIterator<>();
            it.set(new RawEvent[] {record}, 1, CheckpointedPosition.NO_OFFSET, emitted);
            emitted++;
            return it;
        }

        @Nullable
        @Override
        public RecordIterator<RawEvent> readBatch() throws IOException {
            if (lines == null) {
                return refusal == null ? null : refusedRecord();
            }
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
            if (lines != null) {
                lines.close();
            }
        }
    }
}
