package io.securitycoach.directory;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.JobMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Resolve stage, keyed by (org, identity): which directory user an identity belongs to. Events
 * whose identity is not known yet are held until the directory names it or their grace period
 * passes; then they go on unresolved (counted, audited, never dropped).
 *
 * <p>Updates come from {@link DirectoryChanges}, which already dropped stale versions per user, so
 * here an identity simply belongs to the last user that claimed it, until that user releases it
 * (renamed or deleted). A release by a user that no longer owns the identity changes nothing.
 */
public class IdentityResolver
        extends KeyedCoProcessFunction<String, SecurityEvent, DirectoryUpdate, SecurityEvent> {
    public static final String RESOLVED = "resolved";
    public static final String LATE = "late";
    public static final String UNRESOLVED = "unresolved";

    /** Public: the savepoint tools read and rewrite the resolver's state. */
    public static final ValueStateDescriptor<String> OWNER =
            new ValueStateDescriptor<>("identity-owner", String.class);

    public static final ListStateDescriptor<SecurityEvent> HELD =
            HeldEvents.descriptor("held-for-identity");

    private final long graceMillis;

    /** The user id this identity belongs to; absent when nobody (or nobody any more) claims it. */
    private transient ValueState<String> owner;

    private transient HeldEvents held;
    private transient Counter resolved;
    private transient Counter late;
    private transient Counter unresolved;

    public IdentityResolver(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        owner = getRuntimeContext().getState(OWNER);
        held = new HeldEvents(getRuntimeContext().getListState(HELD), graceMillis);
        resolved = JobMetrics.exported(getRuntimeContext()).counter("eventsResolved");
        late = JobMetrics.exported(getRuntimeContext()).counter("eventsLateResolved");
        unresolved = JobMetrics.exported(getRuntimeContext()).counter("eventsUnresolved");
    }

    @Override
    public void processElement1(SecurityEvent event, Context ctx, Collector<SecurityEvent> out)
            throws Exception {
        String userId = owner.value();
        if (userId != null) {
            out.collect(resolve(event, userId, RESOLVED));
        } else if (held.expired(event, ctx.timerService())) {
            out.collect(resolve(event, null, UNRESOLVED));
        } else {
            held.hold(event, ctx.timerService());
        }
    }

    @Override
    public void processElement2(DirectoryUpdate update, Context ctx, Collector<SecurityEvent> out)
            throws Exception {
        if (update.deleted) {
            if (update.userId.equals(owner.value())) {
                owner.clear();
            }
            return;
        }
        owner.update(update.userId);
        held.releaseAll(e -> out.collect(resolve(e, update.userId, LATE)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SecurityEvent> out)
            throws Exception {
        held.releaseExpired(
                ctx.timerService().currentWatermark(),
                e -> out.collect(resolve(e, null, UNRESOLVED)));
    }

    private SecurityEvent resolve(SecurityEvent event, String userId, String how) {
        event.userId = userId;
        event.resolution = how;
        (RESOLVED.equals(how) ? resolved : LATE.equals(how) ? late : unresolved).inc();
        return event;
    }
}
