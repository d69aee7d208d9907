package io.securitycoach.normalize;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RawEvent;
import io.securitycoach.util.DrainingKeyedProcessOperator;
import io.securitycoach.util.Tags;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each org's fair share of ingestion, keyed by org, before normalization: a token bucket of {@code
 * ratePerSecond} records a second with {@code burst} records of headroom. An org over its rate has
 * its records deferred here, in arrival order, and released at its rate by a timer, so they no
 * longer fill the queues between the stages that another org's records pass through. At most {@code
 * maxDeferred} wait per org; past that a record becomes a dead letter {@code quota_exceeded} with
 * its raw bytes (replayable; never dropped unseen). The org gets a feed-health status {@code
 * quota_exceeded} when it starts being deferred and {@code quota_recovered} when its backlog is
 * gone. When a bounded input ends, what is deferred goes on at once.
 *
 * <p>Each task keeps the buckets of the orgs it saw in memory, and a record that passes within its
 * org's rate changes only the bucket's tokens, which are not written to state on the way through (a
 * get and a put per record in the hottest keys of the job; and RocksDB keeps every version until a
 * checkpoint flushes them). What deferring changes (positions, timer, statuses) is written at once.
 * After a restore an org starts with the tokens last written, refilled for the time since: usually
 * a full bucket, as a quiet org's.
 */
public class IngestQuota extends KeyedProcessFunction<String, RawEvent, RawEvent>
        implements DrainingKeyedProcessOperator.Drainable<RawEvent> {
    public static final String EXCEEDED = "quota_exceeded";
    public static final String RECOVERED = "quota_recovered";
    public static final String STAGE = "ingest";

    /** Per org: its bucket and the positions of its deferred records. */
    public static final ValueStateDescriptor<OrgQuota> QUOTA = quotaDescriptor();

    /** Per org: position -> deferred record. */
    public static final MapStateDescriptor<Long, RawEvent> DEFERRED =
            new MapStateDescriptor<>(
                    "deferred-records", Types.LONG, TypeInformation.of(RawEvent.class));

    /** How often a deferred org's records are released (a share of its rate each time). */
    private static final long TICK = 100;

    /**
     * Orgs whose buckets a task keeps in memory; past that, an org the cache lets go is read from
     * state again when it returns: with the tokens last written, refilled (as after a restore).
     */
    static final int MAX_BUCKETS_IN_MEMORY = 10_000;

    private final double ratePerSecond;
    private final long burst;
    private final long maxDeferred;
    private transient ValueState<OrgQuota> quota;
    private transient MapState<Long, RawEvent> deferred;

    /** Per org: its bucket as this task last left it; never the object held in state. */
    private transient Cache<String, OrgQuota> buckets;

    public IngestQuota(double ratePerSecond, long burst, long maxDeferred) {
        this.ratePerSecond = Math.max(1, ratePerSecond);
        this.burst = Math.max(1, burst);
        this.maxDeferred = Math.max(0, maxDeferred);
    }

    private static ValueStateDescriptor<OrgQuota> quotaDescriptor() {
        ValueStateDescriptor<OrgQuota> d =
                new ValueStateDescriptor<>("ingest-quota", OrgQuota.class);
        // A backlog is written on every tick; an org that went quiet loses only a full bucket.
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
        return d;
    }

    @Override
    public void open(OpenContext openContext) {
        quota = getRuntimeContext().getState(QUOTA);
        deferred = getRuntimeContext().getMapState(DEFERRED);
        buckets =
                Caffeine.newBuilder()
                        .maximumSize(MAX_BUCKETS_IN_MEMORY)
                        .executor(Runnable::run) // the task's thread: no pool for eviction
                        .build();
    }

    @Override
    public void processElement(RawEvent r, Context ctx, Collector<RawEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        OrgQuota q = current(ctx.getCurrentKey(), now);
        if (q.size() == 0 && q.tokens >= 1) {
            q.tokens -= 1; // tokens only: kept in memory (see the class comment)
            out.collect(r);
            return;
        }
        if (q.size() >= maxDeferred) {
            exceeded(q, r, now, ctx);
            ctx.output(Tags.DEAD_LETTERS, deadLetter(r, now));
        } else {
            exceeded(q, r, now, ctx);
            deferred.put(q.tail++, r);
            if (q.timer == 0) {
                q.timer = now + TICK;
                ctx.timerService().registerProcessingTimeTimer(q.timer);
            }
        }
        save(q);
    }

    /**
     * Writes what deferring changed. A copy: the heap backend keeps the object it is given and may
     * be snapshotting it while this task changes its bucket.
     */
    private void save(OrgQuota q) throws Exception {
        quota.update(q.copy());
    }

    /** The org's bucket, refilled for the time since it was last looked at. */
    private OrgQuota current(String org, long now) throws Exception {
        OrgQuota q = buckets.getIfPresent(org);
        if (q == null) {
            OrgQuota stored = quota.value();
            q = stored != null ? stored.copy() : fullBucket(now);
            buckets.put(org, q);
        }
        q.tokens = Math.min(burst, q.tokens + (now - q.refilledAt) * ratePerSecond / 1000.0);
        q.refilledAt = now;
        return q;
    }

    private OrgQuota fullBucket(long now) {
        OrgQuota q = new OrgQuota();
        q.tokens = burst;
        q.refilledAt = now;
        return q;
    }

    private void exceeded(OrgQuota q, RawEvent r, long now, Context ctx) {
        if (!q.exceeded) {
            q.exceeded = true;
            ctx.output(Tags.RULE_STATUS, status(r.orgId, r.vendor, EXCEEDED, now));
        }
        if (q.size() >= maxDeferred) {
            q.deadLettered++;
        }
    }

    private DeadLetter deadLetter(RawEvent r, long now) {
        return DeadLetter.of(
                STAGE,
                r.orgId,
                r.vendor,
                EXCEEDED,
                "the org is over its ingestion rate ("
                        + (long) ratePerSecond
                        + " records/s, burst "
                        + burst
                        + ") and "
                        + maxDeferred
                        + " of its records already wait",
                r.payload,
                r.origin,
                now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawEvent> out)
            throws Exception {
        OrgQuota q = current(ctx.getCurrentKey(), timestamp);
        if (q.timer != timestamp) {
            return;
        }
        while (q.size() > 0 && q.tokens >= 1) {
            out.collect(deferred.get(q.head));
            deferred.remove(q.head++);
            q.tokens -= 1;
        }
        q.timer = 0;
        if (q.size() > 0) {
            q.timer = timestamp + TICK;
            ctx.timerService().registerProcessingTimeTimer(q.timer);
        } else {
            recovered(q, ctx.getCurrentKey(), timestamp, ctx);
        }
        save(q);
    }

    private void recovered(OrgQuota q, String org, long now, Context ctx) {
        if (q.exceeded) {
            q.exceeded = false;
            ctx.output(Tags.RULE_STATUS, status(org, q.deadLettered, now));
            q.deadLettered = 0;
        }
    }

    private ControlStatus status(String org, String vendor, String what, long now) {
        return ControlStatus.feedHealth(
                org,
                vendor,
                what,
                "over the org's ingestion rate ("
                        + (long) ratePerSecond
                        + " records/s, burst "
                        + burst
                        + "): its records are deferred and released at that rate; past "
                        + maxDeferred
                        + " waiting they become dead letters "
                        + EXCEEDED,
                STAGE,
                now);
    }

    private ControlStatus status(String org, long deadLettered, long now) {
        return ControlStatus.feedHealth(
                org,
                "*",
                RECOVERED,
                "back within the org's ingestion rate; "
                        + deadLettered
                        + " records became dead letters "
                        + EXCEEDED
                        + " meanwhile",
                STAGE,
                now);
    }

    @Override
    public String drainedState() {
        return QUOTA.getName();
    }

    @Override
    public void drain(Collector<RawEvent> out) throws Exception {
        buckets.invalidateAll(); // the input ended; state holds every position written
        OrgQuota q = quota.value();
        for (long i = q == null ? 0 : q.head; q != null && i < q.tail; i++) {
            out.collect(deferred.get(i));
        }
        deferred.clear();
        quota.clear();
    }

    /** One org's token bucket and deferred records [head, tail). */
    public static class OrgQuota {
        public double tokens;
        public long refilledAt;
        public long head;
        public long tail;

        /** The release timer; 0 when none. */
        public long timer;

        /** Deferred now (a quota_exceeded status went out, a recovery status will). */
        public boolean exceeded;

        /** Records that became dead letters since the org went over its rate. */
        public long deadLettered;

        public OrgQuota() {}

        OrgQuota copy() {
            OrgQuota c = new OrgQuota();
            c.tokens = tokens;
            c.refilledAt = refilledAt;
            c.head = head;
            c.tail = tail;
            c.timer = timer;
            c.exceeded = exceeded;
            c.deadLettered = deadLettered;
            return c;
        }

        long size() {
            return tail - head;
        }
    }
}
