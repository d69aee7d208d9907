package io.securitycoach.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rule matched: who, which rule (and version), on which events, and what coaching it asks for.
 * How and when the org wants it delivered is the notify stage's (its org settings).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Detection {
    /**
     * Deterministic: the same rule version on the same events for the same user gives the same id.
     */
    public String detectionId;

    public String orgId;
    public String ruleId;
    public long ruleVersion;

    /**
     * Null when the event's user is not in the directory (such detections are audited, not
     * coached).
     */
    public String userId;

    public String identityKey;
    public String userEmail;
    public String firstName;
    public String severity;
    public String mode;
    public String[] eventUids = new String[0];
    public long eventTime;
    public long detectTime;

    /** What happened, in plain words. */
    public String summary;

    public String coachModule;
    public String[] channels = new String[0];
    public String messageTemplate;

    public Detection() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Detection)) return false;
        Detection d = (Detection) o;
        return ruleVersion == d.ruleVersion
                && eventTime == d.eventTime
                && detectTime == d.detectTime
                && Objects.equals(detectionId, d.detectionId)
                && Objects.equals(orgId, d.orgId)
                && Objects.equals(ruleId, d.ruleId)
                && Objects.equals(userId, d.userId)
                && Objects.equals(identityKey, d.identityKey)
                && Objects.equals(userEmail, d.userEmail)
                && Objects.equals(firstName, d.firstName)
                && Objects.equals(severity, d.severity)
                && Objects.equals(mode, d.mode)
                && Arrays.equals(eventUids, d.eventUids)
                && Objects.equals(summary, d.summary)
                && Objects.equals(coachModule, d.coachModule)
                && Arrays.equals(channels, d.channels)
                && Objects.equals(messageTemplate, d.messageTemplate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detectionId);
    }

    @Override
    public String toString() {
        return "Detection{"
                + detectionId
                + " "
                + orgId
                + "/"
                + ruleId
                + " v"
                + ruleVersion
                + " user="
                + userId
                + "}";
    }
}
