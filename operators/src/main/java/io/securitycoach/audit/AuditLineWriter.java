package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * One JSON object per line into an audit part file, through a buffer. The local file system's part
 * stream writes to its file channel on every call, and a row encoder's two writes per line (the
 * line, then its newline) were two system calls for every audit record: most of the sinks' time.
 * The part file rolls on every checkpoint, and the sink flushes and finishes this writer before it
 * commits the file, so what a checkpoint commits is complete.
 */
public final class AuditLineWriter implements BulkWriter<AuditRecord> {
    /**
     * Per open part file: a sink task has one open per org and hour it wrote to since the last
     * checkpoint (10,000 orgs: 40 MiB), beside the file itself; a line is a few hundred bytes.
     */
    static final int BUFFER_BYTES = 4 * 1024;

    private final OutputStream out;

    AuditLineWriter(OutputStream partFile) {
        this.out = new BufferedOutputStream(partFile, BUFFER_BYTES);
    }

    @Override
    public void addElement(AuditRecord record) throws IOException {
        out.write(record.bytes());
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushed, not closed: the sink closes the part file it opened. */
    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /** Makes a writer per part file the sink opens. */
    public static final class Factory implements BulkWriter.Factory<AuditRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<AuditRecord> create(FSDataOutputStream partFile) {
            return new AuditLineWriter(partFile);
        }
    }
}
