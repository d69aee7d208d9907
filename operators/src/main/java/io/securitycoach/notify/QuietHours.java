package io.securitycoach.notify;

import io.securitycoach.records.OrgSettings;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * An org's quiet hours: whether an instant falls in them, and when they end. Overnight spans
 * (22:00-07:00) wrap.
 */
final class QuietHours {
    private QuietHours() {}

    /**
     * When the quiet hours around {@code now} end (epoch ms), or -1 when {@code now} is not in
     * quiet hours.
     */
    static long endIfQuiet(OrgSettings org, long now) {
        if (org == null || org.quietStart == null || org.quietEnd == null) {
            return -1;
        }
        ZoneId zone = ZoneId.of(org.timeZone == null ? "UTC" : org.timeZone);
        ZonedDateTime t = Instant.ofEpochMilli(now).atZone(zone);
        LocalTime start = LocalTime.parse(org.quietStart);
        LocalTime end = LocalTime.parse(org.quietEnd);
        LocalTime time = t.toLocalTime();
        boolean quiet =
                start.isBefore(end)
                        ? !time.isBefore(start) && time.isBefore(end)
                        : !time.isBefore(start) || time.isBefore(end);
        if (!quiet) {
            return -1;
        }
        ZonedDateTime endAt = t.with(end);
        if (!endAt.isAfter(t)) {
            endAt = endAt.plusDays(1);
        }
        return endAt.toInstant().toEpochMilli();
    }
}
