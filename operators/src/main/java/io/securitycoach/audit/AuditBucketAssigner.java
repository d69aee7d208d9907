package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Audit folders: {@code <stage>/org=<org>/dt=<yyyy-MM-dd>/hour=<HH>/} in UTC, the layout query engines partition on. */
public class AuditBucketAssigner implements BucketAssigner<AuditRecord, String> {
    private static final DateTimeFormatter BUCKET =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);
    /** Org ids come from customers and sources: anything but a safe folder name is encoded. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    @Override
    public String getBucketId(AuditRecord record, Context context) {
        String org = record.orgId == null ? "_none" : SAFE.matcher(record.orgId).matches() && !record.orgId.startsWith(".")
                ? record.orgId : "_" + Integer.toHexString(record.orgId.hashCode());
        return record.stage + "/org=" + org + "/" + BUCKET.format(Instant.ofEpochMilli(record.time));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
