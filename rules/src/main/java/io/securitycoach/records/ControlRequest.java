package io.securitycoach.records;

import java.util.Objects;

/**
 * What a control status answers: the subject a message is about (its kind, org and id), the version
 * the message asked for, where it came from and when it was handled.
 */
public final class ControlRequest {
    public final ControlStatus.Kind kind;
    public final String orgId;

    /** The rule id, the parser's name, or null for an org's settings. */
    public final String subjectId;

    public final long version;
    public final String source;
    public final long time;

    private ControlRequest(
            ControlStatus.Kind kind,
            String orgId,
            String subjectId,
            long version,
            String source,
            long time) {
        this.kind = kind;
        this.orgId = orgId;
        this.subjectId = subjectId;
        this.version = version;
        this.source = source;
        this.time = time;
    }

    public static ControlRequest rule(
            String orgId, String ruleId, long version, String source, long time) {
        return new ControlRequest(ControlStatus.Kind.RULE, orgId, ruleId, version, source, time);
    }

    public static ControlRequest parser(
            String orgId, String name, long version, String source, long time) {
        return new ControlRequest(ControlStatus.Kind.PARSER, orgId, name, version, source, time);
    }

    public static ControlRequest settings(String orgId, long version, String source, long time) {
        return new ControlRequest(ControlStatus.Kind.SETTINGS, orgId, null, version, source, time);
    }

    /** The same subject and message at another version (e.g. the one a rule text names). */
    public ControlRequest about(String orgId, String subjectId, long version) {
        return new ControlRequest(kind, orgId, subjectId, version, source, time);
    }

    /** The registry key: {@code org/id}, or the org alone for settings. */
    public String key() {
        return subjectId == null ? String.valueOf(orgId) : orgId + "/" + subjectId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ControlRequest)) {
            return false;
        }
        ControlRequest r = (ControlRequest) o;
        return kind == r.kind
                && version == r.version
                && time == r.time
                && Objects.equals(orgId, r.orgId)
                && Objects.equals(subjectId, r.subjectId)
                && Objects.equals(source, r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, orgId, subjectId, version);
    }
}
