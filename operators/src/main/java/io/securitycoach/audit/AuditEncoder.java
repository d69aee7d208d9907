package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import org.apache.flink.api.common.serialization.Encoder;

import java.io.IOException;
import java.io.OutputStream;

/** One JSON object per line. */
public class AuditEncoder implements Encoder<AuditRecord> {
    @Override
    public void encode(AuditRecord record, OutputStream stream) throws IOException {
        stream.write(record.bytes());
        stream.write('\n');
    }
}
