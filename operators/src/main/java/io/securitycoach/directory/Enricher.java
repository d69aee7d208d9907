package io.securitycoach.directory;

import io.securitycoach.records.UserRecord;
import io.securitycoach.records.serial.UserProfileSerializer;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserProfile;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Enrich stage, keyed by (org, user id): adds the user's directory attributes to resolved events.
 * The user record travels on its own path, so it can reach this stage after an event the resolver
 * already attributed: such events wait (same grace period) rather than go on without attributes.
 * Records arrive in version order from {@link DirectoryChanges}; only the profile is kept (no
 * aliases), a few hundred bytes per user.
 */
public class Enricher
        extends KeyedCoProcessFunction<String, SecurityEvent, UserRecord, SecurityEvent> {
    /**
     * Public: the savepoint tools read and rewrite the enricher's state. Read for every event, so
     * with a compact serializer (profiles of earlier savepoints are migrated on restore).
     */
    public static final ValueStateDescriptor<UserProfile> PROFILE =
            new ValueStateDescriptor<>("user-profile", UserProfileSerializer.INSTANCE);

    public static final ListStateDescriptor<SecurityEvent> HELD =
            HeldEvents.descriptor("held-for-profile");

    private final long graceMillis;
    private transient ValueState<UserProfile> profile;
    private transient HeldEvents held;

    public Enricher(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        profile = getRuntimeContext().getState(PROFILE);
        held = new HeldEvents(getRuntimeContext().getListState(HELD), graceMillis);
    }

    @Override
    public void processElement1(SecurityEvent event, Context ctx, Collector<SecurityEvent> out)
            throws Exception {
        if (event.userId == null) {
            out.collect(event); // unresolved: nothing to add, rules may still match on event fields
            return;
        }
        UserProfile user = profile.value();
        if (user != null) {
            event.user = user;
            out.collect(event);
        } else if (held.expired(event, ctx.timerService())) {
            out.collect(event);
        } else {
            held.hold(event, ctx.timerService());
        }
    }

    @Override
    public void processElement2(UserRecord update, Context ctx, Collector<SecurityEvent> out)
            throws Exception {
        if (update.deleted) {
            profile.clear();
            held.releaseAll(out::collect); // the user is gone: events go on without attributes
            return;
        }
        UserProfile p = UserProfile.of(update);
        profile.update(p);
        held.releaseAll(
                e -> {
                    e.user = p;
                    out.collect(e);
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SecurityEvent> out)
            throws Exception {
        held.releaseExpired(ctx.timerService().currentWatermark(), out::collect);
    }
}
