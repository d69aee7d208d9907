package io.securitycoach.records;

import java.util.Objects;

/** How a notification ended: delivered, failed (after retries or on a final answer), or skipped and why. */
public class DeliveryStatus {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public String notificationId;
    public String detectionId;
    public String orgId;
    public String ruleId;
    public String userId;
    public String channel;
    public String status;
    public int attempts;
    /** Last HTTP status received, 0 when none (connection error, timeout, skipped). */
    public int httpStatus;
    public long latencyMs;
    /** From the detection to this outcome, milliseconds: what the employee waits for. */
    public long sinceDetectionMs;
    /** Why it failed or was skipped; null when delivered. */
    public String reason;
    /** The last response body (cut short) or exception message, for failures. */
    public String detail;
    public long time;

    public DeliveryStatus() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DeliveryStatus)) return false;
        DeliveryStatus s = (DeliveryStatus) o;
        return sinceDetectionMs == s.sinceDetectionMs && attempts == s.attempts && httpStatus == s.httpStatus && latencyMs == s.latencyMs && time == s.time
                && Objects.equals(notificationId, s.notificationId) && Objects.equals(detectionId, s.detectionId)
                && Objects.equals(orgId, s.orgId) && Objects.equals(ruleId, s.ruleId)
                && Objects.equals(userId, s.userId) && Objects.equals(channel, s.channel)
                && Objects.equals(status, s.status) && Objects.equals(reason, s.reason)
                && Objects.equals(detail, s.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(notificationId, status);
    }

    @Override
    public String toString() {
        return "DeliveryStatus{" + notificationId + " " + status + " attempts=" + attempts + " http=" + httpStatus
                + (reason == null ? "" : " " + reason) + "}";
    }
}
