package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import org.apache.flink.api.common.serialization.Encoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One JSON object per line. */
public class AuditEncoder implements Encoder<AuditRecord> {
    @Override
    public void encode(AuditRecord record, OutputStream stream) throws IOException {
        stream.write(record.json.getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }
}
