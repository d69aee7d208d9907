package io.securitycoach.records;

import java.util.Objects;

/**
 * A record the pipeline could not use, with the stage, a reason code, a human message and the
 * input.
 */
public class DeadLetter {
    /** Raw input kept in a dead letter is cut to this many characters. */
    public static final int MAX_RAW_CHARS = 16 * 1024;

    public String stage;
    public String orgId;
    public String vendor;

    /** Stable code for counting and alerting, e.g. invalid_json, missing_time, delivery_failed. */
    public String reason;

    public String message;
    public String raw;
    public String origin;
    public long time;

    public DeadLetter() {}

    public static DeadLetter of(
            String stage,
            String orgId,
            String vendor,
            String reason,
            String message,
            String raw,
            String origin,
            long time) {
        DeadLetter d = new DeadLetter();
        d.stage = stage;
        d.orgId = orgId;
        d.vendor = vendor;
        d.reason = reason;
        d.message = message;
        d.raw =
                raw == null || raw.length() <= MAX_RAW_CHARS
                        ? raw
                        : raw.substring(0, MAX_RAW_CHARS);
        d.origin = origin;
        d.time = time;
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DeadLetter)) return false;
        DeadLetter d = (DeadLetter) o;
        return time == d.time
                && Objects.equals(stage, d.stage)
                && Objects.equals(orgId, d.orgId)
                && Objects.equals(vendor, d.vendor)
                && Objects.equals(reason, d.reason)
                && Objects.equals(message, d.message)
                && Objects.equals(raw, d.raw)
                && Objects.equals(origin, d.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, reason, origin);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + stage + " " + reason + " " + origin + ": " + message + "}";
    }
}
