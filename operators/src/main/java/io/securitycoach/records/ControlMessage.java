package io.securitycoach.records;

import java.util.Objects;

/**
 * A message on the control stream. Rule upserts carry the rule text as the customer wrote it (it is
 * validated by the job, so every control message gets a status); {@code snapshot_end} marks that the
 * initial rule set is complete and detection may start.
 */
public class ControlMessage {
    public static final String RULE_UPSERT = "rule_upsert";
    public static final String RULE_DELETE = "rule_delete";
    public static final String SNAPSHOT_END = "snapshot_end";

    public String type;
    public String orgId;
    public String ruleId;
    public long version;
    public String payload;
    public String source;

    public ControlMessage() {}

    public static ControlMessage upsert(String ruleText, String source) {
        ControlMessage m = new ControlMessage();
        m.type = RULE_UPSERT;
        m.payload = ruleText;
        m.source = source;
        return m;
    }

    public static ControlMessage delete(String orgId, String ruleId, long version, String source) {
        ControlMessage m = new ControlMessage();
        m.type = RULE_DELETE;
        m.orgId = orgId;
        m.ruleId = ruleId;
        m.version = version;
        m.source = source;
        return m;
    }

    public static ControlMessage snapshotEnd(String source) {
        ControlMessage m = new ControlMessage();
        m.type = SNAPSHOT_END;
        m.source = source;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ControlMessage)) return false;
        ControlMessage m = (ControlMessage) o;
        return version == m.version && Objects.equals(type, m.type) && Objects.equals(orgId, m.orgId)
                && Objects.equals(ruleId, m.ruleId) && Objects.equals(payload, m.payload)
                && Objects.equals(source, m.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, orgId, ruleId, version);
    }

    @Override
    public String toString() {
        return "ControlMessage{" + type + " " + source + "}";
    }
}
