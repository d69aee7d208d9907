package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;

/** One JSON object per line. */
public class AuditEncoder implements Encoder<AuditRecord> {
    @Override
    public void encode(AuditRecord record, OutputStream stream) throws IOException {
        stream.write(record.bytes());
        stream.write('\n');
    }
}
