package io.securitycoach.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.securitycoach.rules.Detection;
import java.util.Objects;

/**
 * How a notification ended: delivered, failed (after retries or on a final answer), or skipped and
 * why. Built here only, by {@link #skipped} (the planner) and {@link #attempted} (the notifier).
 */
public class DeliveryStatus {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /**
     * Not final: the notification gave its notify slot back (its org or destination at its share, a
     * long Retry-After, an open circuit, a slot held too long) and waits in keyed state for the
     * retry lane, which ends it with one of the outcomes above.
     */
    public static final String PARKED = "parked";

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

    /**
     * Only on a {@link #PARKED} status between the notifier and the delivery outcomes: the
     * notification to try again. Never in the audit or the status webhook (the outcomes stage takes
     * it off).
     */
    @JsonIgnore public Notification parked;

    public DeliveryStatus() {}

    /**
     * A notification of {@code d} on {@code channel} that was never sent (quiet hours, no
     * destination, cap...).
     */
    public static DeliveryStatus skipped(
            Detection d, String channel, String notificationId, String reason, long time) {
        DeliveryStatus s =
                of(
                        notificationId,
                        d.detectionId,
                        d.orgId,
                        d.ruleId,
                        d.userId,
                        channel,
                        SKIPPED,
                        time);
        s.reason = reason;
        return s;
    }

    /**
     * How sending {@code n} ended at {@code time}: {@link #DELIVERED} or {@link #FAILED} after
     * {@code attempts}, with the latency since the first attempt ({@code started}) and since the
     * detection.
     */
    public static DeliveryStatus attempted(
            Notification n,
            String status,
            int attempts,
            int httpStatus,
            String reason,
            String detail,
            long started,
            long time) {
        DeliveryStatus s =
                of(
                        n.notificationId,
                        n.detectionId,
                        n.orgId,
                        n.ruleId,
                        n.userId,
                        n.channel,
                        status,
                        time);
        s.attempts = attempts;
        s.httpStatus = httpStatus;
        s.latencyMs = time - started;
        s.sinceDetectionMs = n.detectTime > 0 ? time - n.detectTime : 0;
        s.reason = reason;
        s.detail = detail;
        return s;
    }

    private static DeliveryStatus of(
            String notificationId,
            String detectionId,
            String orgId,
            String ruleId,
            String userId,
            String channel,
            String status,
            long time) {
        DeliveryStatus s = new DeliveryStatus();
        s.notificationId = notificationId;
        s.detectionId = detectionId;
        s.orgId = orgId;
        s.ruleId = ruleId;
        s.userId = userId;
        s.channel = channel;
        s.status = status;
        s.time = time;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DeliveryStatus)) return false;
        DeliveryStatus s = (DeliveryStatus) o;
        return sinceDetectionMs == s.sinceDetectionMs
                && attempts == s.attempts
                && httpStatus == s.httpStatus
                && latencyMs == s.latencyMs
                && time == s.time
                && Objects.equals(notificationId, s.notificationId)
                && Objects.equals(detectionId, s.detectionId)
                && Objects.equals(orgId, s.orgId)
                && Objects.equals(ruleId, s.ruleId)
                && Objects.equals(userId, s.userId)
                && Objects.equals(channel, s.channel)
                && Objects.equals(status, s.status)
                && Objects.equals(reason, s.reason)
                && Objects.equals(detail, s.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(notificationId, status);
    }

    @Override
    public String toString() {
        return "DeliveryStatus{"
                + notificationId
                + " "
                + status
                + " attempts="
                + attempts
                + " http="
                + httpStatus
                + (reason == null ? "" : " " + reason)
                + "}";
    }
}
