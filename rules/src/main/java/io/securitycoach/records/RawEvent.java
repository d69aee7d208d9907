package io.securitycoach.records;

import java.util.Objects;

/**
 * One vendor record as read from a source, before normalization: its org, claimed vendor and bytes.
 */
public class RawEvent {
    public String orgId;

    /**
     * The vendor named by the source (folder, stream tag), or "auto" to detect it from the record.
     */
    public String vendor;

    public String payload;

    /** Where it was read: file and line, or stream and sequence number. */
    public String origin;

    public long ingestTime;

    /**
     * Set when the source could not attribute the record to an org and vendor (a malformed envelope
     * on a shared stream, an org not allowed there): the dead-letter reason code, which the
     * normalize stage reports instead of reading the record. Null for every attributed record.
     */
    public String rejectedReason;

    /** What was wrong, for the dead letter (with {@link #rejectedReason}). */
    public String rejectedMessage;

    public RawEvent() {}

    public RawEvent(String orgId, String vendor, String payload, String origin, long ingestTime) {
        this.orgId = orgId;
        this.vendor = vendor;
        this.payload = payload;
        this.origin = origin;
        this.ingestTime = ingestTime;
    }

    /**
     * A record its source could not attribute: no org, no vendor; the normalize stage makes it a
     * dead letter with {@code reason}.
     */
    public static RawEvent rejected(
            String reason, String message, String payload, String origin, long ingestTime) {
        RawEvent r = new RawEvent(null, null, payload, origin, ingestTime);
        r.rejectedReason = reason;
        r.rejectedMessage = message;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RawEvent)) return false;
        RawEvent r = (RawEvent) o;
        return ingestTime == r.ingestTime
                && Objects.equals(orgId, r.orgId)
                && Objects.equals(vendor, r.vendor)
                && Objects.equals(payload, r.payload)
                && Objects.equals(origin, r.origin)
                && Objects.equals(rejectedReason, r.rejectedReason)
                && Objects.equals(rejectedMessage, r.rejectedMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, vendor, origin);
    }

    @Override
    public String toString() {
        return "RawEvent{" + orgId + "/" + vendor + " " + origin + "}";
    }
}
