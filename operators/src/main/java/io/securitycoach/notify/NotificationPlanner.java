package io.securitycoach.notify;

import io.securitycoach.coaching.CoachingModules;
import io.securitycoach.coaching.MessageTemplate;
import io.securitycoach.control.BroadcastStore;
import io.securitycoach.control.ControlAnswers;
import io.securitycoach.control.ControlType;
import io.securitycoach.control.OrgSettingsControl;
import io.securitycoach.control.OrgSettingsHandover;
import io.securitycoach.control.SnapshotWait;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.rules.Detection;
import io.securitycoach.util.LabelledCounters;
import io.securitycoach.util.SideOutputs;
import io.securitycoach.util.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a detection into one notification per channel, with its text rendered and the org's
 * destination reference attached. Keyed by (org, user), like detection, so it can hold the per-user
 * daily cap and what waits for the end of the org's quiet hours (or is dropped then, as the org
 * chooses). Org settings (destinations, quiet hours, branding, signing secret, link domains) arrive
 * on the control stream and live in this stage's broadcast state; it answers for them. Detections
 * that must not coach anyone (staged rule, user not in the directory, no email, channel not
 * configured, over the daily cap, quiet hours in drop mode) end here with a {@code skipped} status,
 * so every detection has an outcome in the audit trail.
 */
public class NotificationPlanner
        extends KeyedBroadcastProcessFunction<String, Detection, ControlMessage, Notification>
        implements CheckpointedFunction {
    private static final long DAY = 86_400_000L;

    /**
     * How often detections that wait for the org settings look again (rounded, so they share
     * timers).
     */
    private static final long HANDOVER_WAIT = 200;

    /** Per user and UTC day; public: the savepoint tools read and rewrite the planner's state. */
    public static final ValueStateDescriptor<DailyCount> COACHED_TODAY = coachedTodayDescriptor();

    public static final ListStateDescriptor<Detection> QUIET =
            new ListStateDescriptor<>("held-for-quiet-hours", Detection.class);

    /** Detections that came before this task had the org settings (see {@code settingsWait}). */
    public static final ListStateDescriptor<Detection> WAITING =
            new ListStateDescriptor<>("waiting-for-org-settings", Detection.class);

    /** org -> its accepted settings. */
    public static final MapStateDescriptor<String, OrgSettings> ORG_SETTINGS =
            new MapStateDescriptor<>(
                    "org-settings", Types.STRING, TypeInformation.of(OrgSettings.class));

    private final NotifierSettings settings;
    private transient ValueState<DailyCount> today;
    private transient ListState<Detection> quiet;
    private transient ListState<Detection> waiting;
    private transient LabelledCounters skippedCounters;
    private transient ControlAnswers answers;

    /**
     * Until this task has the org settings detections are planned with: on a fresh start until the
     * control stream's initial snapshot ends (its settings come before the end, in order; the
     * detect stage may release a detection before this task has read them), after a restore until
     * the detect stage's hand-over ends ({@link OrgSettingsHandover}). Not kept in state: each
     * start waits again for what that start sends.
     */
    private transient SnapshotWait settingsWait;

    public NotificationPlanner(NotifierSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        settingsWait =
                context.isRestored()
                        ? SnapshotWait.until(ControlType.ORG_SETTINGS_HANDOVER_END)
                        : SnapshotWait.forSnapshotEnd();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // keyed and broadcast state only: Flink snapshots them
    }

    @Override
    public void open(OpenContext openContext) {
        today = getRuntimeContext().getState(COACHED_TODAY);
        quiet = getRuntimeContext().getListState(QUIET);
        waiting = getRuntimeContext().getListState(WAITING);
        skippedCounters = DeliveryCounters.create(getRuntimeContext());
        answers = new ControlAnswers(getRuntimeContext());
    }

    private static ValueStateDescriptor<DailyCount> coachedTodayDescriptor() {
        ValueStateDescriptor<DailyCount> d =
                new ValueStateDescriptor<>("coached-today", DailyCount.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(2)).build());
        return d;
    }

    /** A notification that will not be sent, with its reason: counted and passed to the audit. */
    private void emitSkipped(SideOutputs side, DeliveryStatus status) {
        skippedCounters.inc(status.orgId, status.channel, status.status);
        side.output(Tags.SKIPPED_DELIVERIES, status);
    }

    @Override
    public void processElement(Detection d, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (!settingsWait.knownOver()) {
            waiting.add(d);
            ctx.timerService()
                    .registerProcessingTimeTimer((now / HANDOVER_WAIT + 1) * HANDOVER_WAIT);
            return;
        }
        holdOrPlan(d, ctx.getBroadcastState(ORG_SETTINGS).get(d.orgId), now, ctx, out);
    }

    private void holdOrPlan(
            Detection d,
            OrgSettings org,
            long now,
            ReadOnlyContext ctx,
            Collector<Notification> out)
            throws Exception {
        long quietUntil = quietUntil(d, org, now);
        if (quietUntil > 0) {
            if ("drop".equals(org.quietMode)) {
                for (String channel : d.channels) {
                    emitSkipped(
                            ctx::output,
                            DeliveryStatus.skipped(
                                    d,
                                    channel,
                                    notificationId(d.detectionId, channel),
                                    "quiet_hours",
                                    now));
                }
            } else {
                quiet.add(d);
                ctx.timerService().registerProcessingTimeTimer(quietUntil);
            }
            return;
        }
        plan(d, org, now, ctx::output, out);
    }

    /**
     * When the org's quiet hours around {@code now} end, for a detection that would coach someone;
     * else -1.
     */
    private static long quietUntil(Detection d, OrgSettings org, long now) {
        return "live".equals(d.mode) && d.userId != null ? QuietHours.endIfQuiet(org, now) : -1;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        if (!settingsWait.knownOver()) {
            ctx.timerService().registerProcessingTimeTimer(timestamp + HANDOVER_WAIT);
            return;
        }
        for (Detection d : waiting.get()) {
            holdOrPlan(d, ctx.getBroadcastState(ORG_SETTINGS).get(d.orgId), timestamp, ctx, out);
        }
        waiting.clear();
        List<Detection> stillQuiet = new ArrayList<>();
        for (Detection d : quiet.get()) {
            OrgSettings org = ctx.getBroadcastState(ORG_SETTINGS).get(d.orgId);
            long end = QuietHours.endIfQuiet(org, timestamp);
            if (end > 0) {
                stillQuiet.add(d);
                ctx.timerService().registerProcessingTimeTimer(end);
            } else {
                plan(d, org, timestamp, ctx::output, out);
            }
        }
        quiet.update(stillQuiet);
    }

    /**
     * The control types routed here ({@link ControlType}): this stage owns org settings (and the
     * detect stage's hand-over of them), and reads the end of the snapshot.
     */
    @Override
    public void processBroadcastElement(
            ControlMessage msg, Context ctx, Collector<Notification> out) throws Exception {
        BroadcastState<String, OrgSettings> orgs = ctx.getBroadcastState(ORG_SETTINGS);
        ControlType type = ControlType.of(msg);
        if (type == ControlType.ORG_SETTINGS) {
            answers.answer(
                    OrgSettingsControl.apply(
                                    msg, new BroadcastStore<>(orgs), ctx.currentProcessingTime())
                            .status,
                    ctx::output);
        } else if (type == ControlType.ORG_SETTINGS_HANDOVER) {
            OrgSettings handed = OrgSettingsHandover.settingsOf(msg);
            OrgSettings live = orgs.get(handed.orgId);
            if (live == null || live.version < handed.version) {
                orgs.put(handed.orgId, handed); // accepted long ago: no second answer
            }
        } else if (settingsWait.endedBy(msg, SnapshotWait.Flag.NONE)) {
            releaseWaiting(ctx, out);
        }
    }

    /**
     * Plans what waited for the settings; what falls in quiet hours waits for its timer (none
     * here).
     */
    private void releaseWaiting(Context ctx, Collector<Notification> out) throws Exception {
        long now = ctx.currentProcessingTime();
        ReadOnlyBroadcastState<String, OrgSettings> orgs = ctx.getBroadcastState(ORG_SETTINGS);
        ctx.applyToKeyedState(
                WAITING,
                (key, held) -> {
                    List<Detection> quietNow = new ArrayList<>();
                    for (Detection d : held.get()) {
                        OrgSettings org = orgs.get(d.orgId);
                        if (quietUntil(d, org, now) > 0) {
                            quietNow.add(d);
                        } else {
                            plan(d, org, now, ctx::output, out);
                        }
                    }
                    held.update(quietNow);
                });
        // What was held for quiet hours that ended while the job was down goes now: its timer may
        // come too late for a run whose input ends first.
        ctx.applyToKeyedState(
                QUIET,
                (key, held) -> {
                    List<Detection> stillQuiet = new ArrayList<>();
                    for (Detection d : held.get()) {
                        OrgSettings org = orgs.get(d.orgId);
                        if (QuietHours.endIfQuiet(org, now) > 0) {
                            stillQuiet.add(d);
                        } else {
                            plan(d, org, now, ctx::output, out);
                        }
                    }
                    held.update(stillQuiet);
                });
    }

    private void plan(
            Detection d, OrgSettings org, long now, SideOutputs side, Collector<Notification> out)
            throws Exception {
        String skip =
                !"live".equals(d.mode)
                        ? "staged_rule"
                        : d.userId == null
                                ? "user_not_in_directory"
                                : d.userEmail == null
                                        ? "user_has_no_email"
                                        : overDailyCap(now) ? "daily_cap" : null;
        for (String channel : d.channels) {
            String id = notificationId(d.detectionId, channel);
            String why =
                    skip != null
                            ? skip
                            : !settings.endpoints.containsKey(channel)
                                    ? "channel_not_configured"
                                    : null;
            if (why != null) {
                emitSkipped(side, DeliveryStatus.skipped(d, channel, id, why, now));
            } else {
                out.collect(notification(d, org, channel, id));
            }
        }
    }

    /** Counts this detection against the user's cap for the UTC day; true when it is over. */
    private boolean overDailyCap(long now) throws Exception {
        long day = now / DAY;
        DailyCount c = today.value();
        if (c == null || c.day != day) {
            c = new DailyCount();
            c.day = day;
        }
        if (c.count >= settings.dailyCapPerUser) {
            return true;
        }
        c.count++;
        today.update(c);
        return false;
    }

    public static String notificationId(String detectionId, String channel) {
        return detectionId + ":" + channel;
    }

    private Notification notification(Detection d, OrgSettings org, String channel, String id) {
        Notification n = new Notification();
        n.notificationId = id;
        n.detectionId = d.detectionId;
        n.orgId = d.orgId;
        n.ruleId = d.ruleId;
        n.userId = d.userId;
        n.email = d.userEmail;
        n.channel = channel;
        n.severity = d.severity;
        n.module = d.coachModule;
        CoachingModules.Module module = settings.modules.module(d.coachModule);
        n.moduleUrl = module != null ? module.url : settings.moduleBaseUrl + d.coachModule;
        // Vendor text: shown to people, so inert (links defanged unless the org allows their
        // domain).
        n.summary =
                InertText.defang(
                        InertText.printable(d.summary),
                        org == null || org.linkDomains == null ? new String[0] : org.linkDomains);
        n.signingSecretRef = org == null ? null : org.signingSecretRef;
        n.eventUids = d.eventUids;
        n.detectTime = d.detectTime;
        n.destinationRef = destinationOf(org, channel);
        Map<String, String> values = new HashMap<>();
        values.put("first_name", d.firstName == null ? "there" : d.firstName);
        values.put("summary", n.summary);
        values.put("rule", d.ruleId);
        values.put("module", d.coachModule);
        values.put("module_url", n.moduleUrl);
        values.put("severity", d.severity);
        values.put("module_title", module != null ? module.title : d.coachModule);
        values.put("why", module != null ? module.why : "");
        values.put("company", org == null || org.company == null ? "" : org.company);
        values.put(
                "security_team",
                org == null || org.securityTeam == null ? "the security team" : org.securityTeam);
        n.text =
                MessageTemplate.render(
                                settings.modules.templateFor(d.messageTemplate, d.coachModule),
                                values)
                        .replaceAll("\\s+", " ")
                        .trim();
        return n;
    }

    /** The org's own destination for the channel, by secret reference; null: the job's default. */
    private static String destinationOf(OrgSettings org, String channel) {
        String ref = null;
        for (int i = 0; org != null && i < org.destinationChannels.length; i++) {
            if (org.destinationChannels[i].equals(channel)) {
                ref = org.destinationRefs[i];
            }
        }
        return ref;
    }

    /** Coaching messages one user got on one UTC day. */
    public static class DailyCount {
        public long day;
        public int count;

        public DailyCount() {}
    }
}
