package io.securitycoach.records;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The job's answer to one control message: what is live now, or why the message was refused. */
public class RuleStatus {
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String DELETED = "deleted";
    public static final String STALE = "stale";
    public static final String READY = "ready";
    /** A live rule or parsing configuration that failed at run time and was taken out of evaluation. */
    public static final String DISABLED = "disabled";

    public String orgId;
    public String ruleId;
    public long version;
    public String status;
    /** The version live after this message (0 when none). */
    public long activeVersion;
    public String[] errors = new String[0];
    public String source;
    public long time;

    public RuleStatus() {}

    public static RuleStatus of(String orgId, String ruleId, long version, String status, long activeVersion,
                                List<String> errors, String source, long time) {
        RuleStatus s = new RuleStatus();
        s.orgId = orgId;
        s.ruleId = ruleId;
        s.version = version;
        s.status = status;
        s.activeVersion = activeVersion;
        s.errors = errors.toArray(new String[0]);
        s.source = source;
        s.time = time;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RuleStatus)) return false;
        RuleStatus s = (RuleStatus) o;
        return version == s.version && activeVersion == s.activeVersion && time == s.time
                && Objects.equals(orgId, s.orgId) && Objects.equals(ruleId, s.ruleId)
                && Objects.equals(status, s.status) && Arrays.equals(errors, s.errors)
                && Objects.equals(source, s.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, ruleId, version, status);
    }

    @Override
    public String toString() {
        return "RuleStatus{" + orgId + "/" + ruleId + " v" + version + " " + status + " " + Arrays.toString(errors) + "}";
    }
}
