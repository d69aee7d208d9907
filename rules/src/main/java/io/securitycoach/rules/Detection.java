package io.securitycoach.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Arrays;
import java.util.Objects;

/** A rule matched: who, which rule (and version), on which events, and what coaching it asks for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Detection {
    /** Deterministic: the same rule version on the same events for the same user gives the same id. */
    public String detectionId;
    public String orgId;
    public String ruleId;
    public long ruleVersion;
    /** Null when the event's user is not in the directory (such detections are audited, not coached). */
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
    /** The org's destinations by channel, as secret references from its settings (empty = defaults). */
    public String[] destinationChannels = new String[0];
    public String[] destinationRefs = new String[0];
    /** The org's quiet hours (HH:mm, zone, hold|drop), or null: when nobody is to be disturbed. */
    public String quietStart;
    public String quietEnd;
    public String quietZone;
    public String quietMode;
    /** The org's branding for the message, or null. */
    public String brandCompany;
    public String brandTeam;
    /** The org's own webhook signing secret, by reference, or null. */
    public String signingSecretRef;
    /** Domains whose links in vendor text stay live in chat (the org's settings); all others are defanged. */
    public String[] linkDomains = new String[0];

    public Detection() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Detection)) return false;
        Detection d = (Detection) o;
        return ruleVersion == d.ruleVersion && eventTime == d.eventTime && detectTime == d.detectTime
                && Objects.equals(detectionId, d.detectionId) && Objects.equals(orgId, d.orgId)
                && Objects.equals(ruleId, d.ruleId) && Objects.equals(userId, d.userId)
                && Objects.equals(identityKey, d.identityKey) && Objects.equals(userEmail, d.userEmail)
                && Objects.equals(firstName, d.firstName) && Objects.equals(severity, d.severity)
                && Objects.equals(mode, d.mode) && Arrays.equals(eventUids, d.eventUids)
                && Objects.equals(summary, d.summary) && Objects.equals(coachModule, d.coachModule)
                && Arrays.equals(channels, d.channels) && Objects.equals(messageTemplate, d.messageTemplate)
                && Arrays.equals(destinationChannels, d.destinationChannels) && Arrays.equals(destinationRefs, d.destinationRefs)
                && Objects.equals(quietStart, d.quietStart) && Objects.equals(quietEnd, d.quietEnd)
                && Objects.equals(quietZone, d.quietZone) && Objects.equals(quietMode, d.quietMode)
                && Objects.equals(brandCompany, d.brandCompany) && Objects.equals(brandTeam, d.brandTeam)
                && Objects.equals(signingSecretRef, d.signingSecretRef) && Arrays.equals(linkDomains, d.linkDomains);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detectionId);
    }

    @Override
    public String toString() {
        return "Detection{" + detectionId + " " + orgId + "/" + ruleId + " v" + ruleVersion + " user=" + userId + "}";
    }
}
