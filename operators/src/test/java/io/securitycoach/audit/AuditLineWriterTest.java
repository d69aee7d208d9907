package io.securitycoach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.junit.jupiter.api.Test;

/** Audit lines into a part file: one JSON object per line, all of it there once finished. */
class AuditLineWriterTest {
    private static final long TIME = 1_772_701_200_000L;

    /** A part file in memory that says whether the sink's close reached it. */
    private static final class PartFile extends FSDataOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public long getPos() {
            return bytes.size();
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesOneJsonObjectPerLineAndAllOfItWhenFinished() throws Exception {
        PartFile part = new PartFile();
        BulkWriter<AuditRecord> writer = new AuditLineWriter.Factory().create(part);
        writer.addElement(new AuditRecord("raw", "acme", TIME, "{\"a\":\"é\"}"));
        writer.addElement(new AuditRecord("raw", "acme", TIME, "{\"b\":1}"));
        writer.finish();

        assertThat(part.text()).isEqualTo("{\"a\":\"é\"}\n{\"b\":1}\n");
        assertThat(part.closed).as("the sink closes its part file").isFalse();
    }

    @Test
    void aFlushHandsOnEveryLineSoFarAndLinesLongerThanTheBufferArriveWhole() throws Exception {
        PartFile part = new PartFile();
        BulkWriter<AuditRecord> writer = new AuditLineWriter.Factory().create(part);
        String longLine = "{\"x\":\"" + "y".repeat(3 * AuditLineWriter.BUFFER_BYTES) + "\"}";
        writer.addElement(new AuditRecord("events", "acme", TIME, "{\"n\":1}"));
        writer.flush();
        assertThat(part.text()).isEqualTo("{\"n\":1}\n");

        writer.addElement(new AuditRecord("events", "acme", TIME, longLine));
        writer.flush();
        assertThat(part.text()).isEqualTo("{\"n\":1}\n" + longLine + "\n");
    }
}
