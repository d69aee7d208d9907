package io.securitycoach.records;

import java.util.Arrays;
import java.util.Objects;

/** One coaching message to one user on one channel. Its id doubles as the idempotency key. */
public class Notification {
    /** detection id + ":" + channel. */
    public String notificationId;

    public String detectionId;
    public String orgId;
    public String ruleId;
    public String userId;
    public String email;
    public String channel;
    public String severity;
    public String module;
    public String moduleUrl;
    public String summary;
    public String text;
    public String[] eventUids = new String[0];

    /**
     * The org's secret reference for this channel's destination (never the secret); null = the
     * default.
     */
    public String destinationRef;

    /** The org's own webhook signing secret, by reference (never the secret); null = none named. */
    public String signingSecretRef;

    public long detectTime;

    public Notification() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Notification)) return false;
        Notification n = (Notification) o;
        return detectTime == n.detectTime
                && Objects.equals(notificationId, n.notificationId)
                && Objects.equals(detectionId, n.detectionId)
                && Objects.equals(orgId, n.orgId)
                && Objects.equals(ruleId, n.ruleId)
                && Objects.equals(userId, n.userId)
                && Objects.equals(email, n.email)
                && Objects.equals(channel, n.channel)
                && Objects.equals(severity, n.severity)
                && Objects.equals(module, n.module)
                && Objects.equals(moduleUrl, n.moduleUrl)
                && Objects.equals(summary, n.summary)
                && Objects.equals(text, n.text)
                && Arrays.equals(eventUids, n.eventUids)
                && Objects.equals(destinationRef, n.destinationRef)
                && Objects.equals(signingSecretRef, n.signingSecretRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(notificationId);
    }

    @Override
    public String toString() {
        return "Notification{" + notificationId + " -> " + email + "}";
    }
}
