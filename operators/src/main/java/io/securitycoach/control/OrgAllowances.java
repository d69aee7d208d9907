package io.securitycoach.control;

import io.securitycoach.records.ControlRequest;
import io.securitycoach.records.ControlStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control intake's memory of orgs: which orgs it has taken control input for (at most {@link
 * ControlQuota#maxOrgs}) and each one's token bucket. An org is counted from its first admitted
 * message and stays counted; a restored job counts again from its first message after an upgrade
 * from a version without this state.
 */
public final class OrgAllowances {
    private final ControlQuota quota;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public OrgAllowances(ControlQuota quota) {
        this.quota = quota;
    }

    /**
     * Takes one update for {@code org} at {@code now}: null when allowed, else the status ({@link
     * ControlStatus#ORG_LIMIT} or {@link ControlStatus#RATE_LIMITED}) with its reason.
     */
    public ControlStatus take(ControlRequest request, long now) {
        Bucket bucket = buckets.get(request.orgId);
        if (bucket == null) {
            if (buckets.size() >= quota.maxOrgs) {
                return ControlStatus.limited(
                        request,
                        ControlStatus.ORG_LIMIT,
                        "orgs: the job takes control input for at most "
                                + quota.maxOrgs
                                + " orgs (Rules.max-orgs); this would be one more");
            }
            bucket = Bucket.full(request.orgId, quota.burst, now);
            buckets.put(request.orgId, bucket);
        }
        bucket.refill(now, quota);
        if (bucket.tokens < 1) {
            return ControlStatus.limited(
                    request,
                    ControlStatus.RATE_LIMITED,
                    "rate: at most "
                            + quota.updatesPerMinute
                            + " control updates per minute per org (bursts of "
                            + quota.burst
                            + "); not applied, send it again later");
        }
        bucket.tokens -= 1;
        return null;
    }

    /** What to checkpoint. */
    public List<Bucket> buckets() {
        return new ArrayList<>(buckets.values());
    }

    /** Restores the checkpointed buckets (as many as the cap allows). */
    public void restore(Iterable<Bucket> restored) {
        for (Bucket b : restored) {
            if (b.orgId != null && buckets.size() < quota.maxOrgs) {
                buckets.put(b.orgId, b);
            }
        }
    }

    public int orgCount() {
        return buckets.size();
    }

    /** One org's token bucket (a POJO: it is the intake's operator state). */
    public static class Bucket {
        public String orgId;
        public double tokens;
        public long refilledAt;

        public Bucket() {}

        static Bucket full(String orgId, int burst, long now) {
            Bucket b = new Bucket();
            b.orgId = orgId;
            b.tokens = burst;
            b.refilledAt = now;
            return b;
        }

        void refill(long now, ControlQuota quota) {
            long elapsed = Math.max(0, now - refilledAt);
            tokens = Math.min(quota.burst, tokens + elapsed * quota.updatesPerMinute / 60_000.0);
            refilledAt = Math.max(refilledAt, now);
        }
    }
}
