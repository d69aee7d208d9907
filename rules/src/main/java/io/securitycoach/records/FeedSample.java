package io.securitycoach.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one input record of an org's vendor feed became: how many events, and the reasons of the
 * dead letters that count against the feed's health. The normalize stage sends one per record to
 * the feed health monitor.
 */
public class FeedSample {
    public String orgId;
    public String vendor;
    public int events;

    /** Of {@link #events}, those whose verdict is unknown (neither action nor outcome known). */
    public int unknownVerdicts;

    public String[] badReasons = new String[0];

    public FeedSample() {}

    public static FeedSample of(String orgId, String vendor, int events, String[] badReasons) {
        return of(orgId, vendor, events, 0, badReasons);
    }

    public static FeedSample of(
            String orgId, String vendor, int events, int unknownVerdicts, String[] badReasons) {
        FeedSample s = new FeedSample();
        s.unknownVerdicts = unknownVerdicts;
        s.orgId = orgId;
        s.vendor = vendor;
        s.events = events;
        s.badReasons = badReasons;
        return s;
    }

    /** The key of the feed: org and vendor. */
    public String feedKey() {
        return orgId + "/" + vendor;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FeedSample)) return false;
        FeedSample s = (FeedSample) o;
        return events == s.events
                && unknownVerdicts == s.unknownVerdicts
                && Objects.equals(orgId, s.orgId)
                && Objects.equals(vendor, s.vendor)
                && Arrays.equals(badReasons, s.badReasons);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, vendor, events);
    }
}
