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
     * Why a drop file's path is outside the layout ({@code DropLayout}), for the one record
     * standing for that unread file; null for every record read. The normalizer makes it an {@code
     * invalid_path} dead letter.
     */
    public String invalidPath;

    public RawEvent() {}

    public RawEvent(String orgId, String vendor, String payload, String origin, long ingestTime) {
        this.orgId = orgId;
        this.vendor = vendor;
        this.payload = payload;
        this.origin = origin;
        this.ingestTime = ingestTime;
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
                && Objects.equals(invalidPath, r.invalidPath);
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
