package io.securitycoach.records;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One line of the audit trail: the stage it belongs to, its org, when, and the record as JSON. The
 * job's stages fill {@link #utf8} (bytes cross the shuffle to the sink as one copy, where a String
 * is serialized char by char); {@link #json} is for records built from text. {@link #text()} reads
 * either.
 */
public class AuditRecord {
    public String stage;
    public String orgId;
    public long time;
    public String json;

    /** The JSON line as UTF-8, when built as bytes (then {@link #json} is null). */
    public byte[] utf8;

    public AuditRecord() {}

    public AuditRecord(String stage, String orgId, long time, String json) {
        this.stage = stage;
        this.orgId = orgId;
        this.time = time;
        this.json = json;
    }

    public AuditRecord(String stage, String orgId, long time, byte[] utf8) {
        this.stage = stage;
        this.orgId = orgId;
        this.time = time;
        this.utf8 = utf8;
    }

    /** The JSON line as text. */
    public String text() {
        return json != null ? json : utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The JSON line as UTF-8 bytes. */
    public byte[] bytes() {
        return utf8 != null
                ? utf8
                : json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof AuditRecord)) return false;
        AuditRecord a = (AuditRecord) o;
        return time == a.time
                && Objects.equals(stage, a.stage)
                && Objects.equals(orgId, a.orgId)
                && Arrays.equals(bytes(), a.bytes());
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, orgId, time);
    }
}
