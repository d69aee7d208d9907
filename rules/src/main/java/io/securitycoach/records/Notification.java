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

    /**
     * Attempts already made when the notification was parked (0 when fresh): the retry lane goes on
     * from there, so the attempt budget is the same whichever lane tries.
     */
    public int attemptsMade;

    /** Parked: not to be tried before this time (epoch millis); 0 when fresh. */
    public long notBefore;

    public Notification() {}

    /** A copy to park: the same notification, with what was tried and when to try again. */
    public Notification parked(int attempts, long retryAt) {
        Notification p = new Notification();
        p.notificationId = notificationId;
        p.detectionId = detectionId;
        p.orgId = orgId;
        p.ruleId = ruleId;
        p.userId = userId;
        p.email = email;
        p.channel = channel;
        p.severity = severity;
        p.module = module;
        p.moduleUrl = moduleUrl;
        p.summary = summary;
        p.text = text;
        p.eventUids = eventUids;
        p.destinationRef = destinationRef;
        p.signingSecretRef = signingSecretRef;
        p.detectTime = detectTime;
        p.attemptsMade = attempts;
        p.notBefore = retryAt;
        return p;
    }

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
