package io.securitycoach.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The job's answer to one control message (or a finding about a live subject): what is live now, or
 * why the message was refused. One type for every subject the control stream manages; its JSON
 * keeps the keys of the audit's {@code rule_status} lines ({@code rule_id} holds the subject's id).
 */
@JsonPropertyOrder({
    "orgId",
    "subjectId",
    "version",
    "status",
    "activeVersion",
    "errors",
    "source",
    "time"
})
public class ControlStatus {
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String DELETED = "deleted";
    public static final String STALE = "stale";
    public static final String READY = "ready";

    /**
     * A live rule or parsing configuration that failed at run time and was taken out of evaluation.
     */
    public static final String DISABLED = "disabled";

    /** Not applied: the org sent more control updates than its rate allows. */
    public static final String RATE_LIMITED = "rate_limited";

    /** Not applied: the job already takes control input for as many orgs as it may. */
    public static final String ORG_LIMIT = "org_limit";

    /** What a status is about. */
    public enum Kind {
        RULE,
        PARSER,
        SETTINGS,
        FEED_HEALTH,
        CONTROL,
        INTEGRATION
    }

    /** Not in the JSON (the audit's keys stay as they were); the id says it to a reader. */
    @JsonIgnore public Kind kind;

    public String orgId;

    /**
     * The rule id, parser name or {@code feed/VENDOR}; null for org settings and the ready answer.
     */
    @JsonProperty("rule_id")
    public String subjectId;

    public long version;
    public String status;

    /** The version live after this message (0 when none). */
    public long activeVersion;

    public String[] errors = new String[0];
    public String source;
    public long time;

    public ControlStatus() {}

    public static ControlStatus accepted(ControlRequest r) {
        return answer(r, ACCEPTED, r.version, List.of());
    }

    /** Refused; {@code liveVersion} stays live (0 when none). */
    public static ControlStatus rejected(ControlRequest r, long liveVersion, List<String> errors) {
        return answer(r, REJECTED, liveVersion, errors);
    }

    public static ControlStatus stale(ControlRequest r, long liveVersion) {
        return answer(
                r,
                STALE,
                liveVersion,
                List.of(
                        "version "
                                + r.version
                                + " is not newer than the live version "
                                + liveVersion));
    }

    public static ControlStatus deleted(ControlRequest r) {
        return answer(r, DELETED, 0, List.of());
    }

    /** A live subject that failed at run time by its own fault and stopped being used. */
    public static ControlStatus disabled(ControlRequest r, String why) {
        return answer(r, DISABLED, 0, List.of("disabled at run time: " + why));
    }

    /** Not applied for a limit ({@link #RATE_LIMITED}, {@link #ORG_LIMIT}); nothing changed. */
    public static ControlStatus limited(ControlRequest r, String status, String reason) {
        return answer(r, status, 0, List.of(reason));
    }

    /** The end of the control stream's initial snapshot was applied. */
    public static ControlStatus ready(String source, long time) {
        ControlStatus s = new ControlStatus();
        s.kind = Kind.CONTROL;
        s.status = READY;
        s.source = source;
        s.time = time;
        return s;
    }

    /** A feed's health changed: {@code status} says how, {@code finding} what was seen. */
    public static ControlStatus feedHealth(
            String orgId, String vendor, String status, String finding, String source, long time) {
        ControlStatus s = new ControlStatus();
        s.kind = Kind.FEED_HEALTH;
        s.orgId = orgId;
        s.subjectId = "feed/" + vendor;
        s.status = status;
        s.errors = new String[] {finding};
        s.source = source;
        s.time = time;
        return s;
    }

    /**
     * About an org's integration with a vendor API ({@code integration/VENDOR}): the answer to an
     * integration control message, or its health ({@code status} then says how it fetches, {@code
     * errors} what was seen).
     */
    public static ControlStatus integration(
            String orgId,
            String vendor,
            long version,
            String status,
            List<String> findings,
            String source,
            long time) {
        ControlStatus s = new ControlStatus();
        s.kind = Kind.INTEGRATION;
        s.orgId = orgId;
        s.subjectId = "integration/" + vendor;
        s.version = version;
        s.activeVersion = version;
        s.status = status;
        s.errors = findings.toArray(new String[0]);
        s.source = source;
        s.time = time;
        return s;
    }

    private static ControlStatus answer(
            ControlRequest r, String status, long activeVersion, List<String> errors) {
        ControlStatus s = new ControlStatus();
        s.kind = r.kind;
        s.orgId = r.orgId;
        s.subjectId = r.subjectId;
        s.version = r.version;
        s.status = status;
        s.activeVersion = activeVersion;
        s.errors = errors.toArray(new String[0]);
        s.source = r.source;
        s.time = r.time;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ControlStatus)) return false;
        ControlStatus s = (ControlStatus) o;
        return version == s.version
                && activeVersion == s.activeVersion
                && time == s.time
                && kind == s.kind
                && Objects.equals(orgId, s.orgId)
                && Objects.equals(subjectId, s.subjectId)
                && Objects.equals(status, s.status)
                && Arrays.equals(errors, s.errors)
                && Objects.equals(source, s.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, subjectId, version, status);
    }

    @Override
    public String toString() {
        return "ControlStatus{"
                + kind
                + " "
                + orgId
                + "/"
                + subjectId
                + " v"
                + version
                + " "
                + status
                + " "
                + Arrays.toString(errors)
                + "}";
    }
}
