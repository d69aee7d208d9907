package io.securitycoach.audit;

import io.securitycoach.records.AuditRecord;
import io.securitycoach.schema.OrgIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Audit folders: {@code <stage>/org=<org>/dt=<yyyy-MM-dd>/hour=<HH>/} in UTC, the layout query
 * engines partition on. Records naming an invalid org id (refused upstream, but still audited) go
 * to {@code org=_<hash>}: an underscore never starts a valid org id, so they cannot land in a
 * tenant's folder.
 */
public class AuditBucketAssigner implements BucketAssigner<AuditRecord, String> {
    private static final DateTimeFormatter BUCKET =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    @Override
    public String getBucketId(AuditRecord record, Context context) {
        String org =
                record.orgId == null
                        ? "_none"
                        : OrgIds.isValid(record.orgId)
                                ? record.orgId
                                : "_" + Integer.toHexString(record.orgId.hashCode());
        return record.stage
                + "/org="
                + org
                + "/"
                + BUCKET.format(Instant.ofEpochMilli(record.time));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
