package io.securitycoach.records;

import java.util.Objects;

/** One line of the audit trail: the stage it belongs to, its org, when, and the record as JSON. */
public class AuditRecord {
    public String stage;
    public String orgId;
    public long time;
    public String json;

    public AuditRecord() {}

    public AuditRecord(String stage, String orgId, long time, String json) {
        this.stage = stage;
        this.orgId = orgId;
        this.time = time;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof AuditRecord)) return false;
        AuditRecord a = (AuditRecord) o;
        return time == a.time && Objects.equals(stage, a.stage) && Objects.equals(orgId, a.orgId)
                && Objects.equals(json, a.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, orgId, time);
    }
}
