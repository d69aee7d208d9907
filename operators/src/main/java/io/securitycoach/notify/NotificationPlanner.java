package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.rules.CoachingModules;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.MessageTemplate;
import io.securitycoach.util.LabelledCounters;
import io.securitycoach.util.Tags;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a detection into one notification per channel, with its text rendered and the org's
 * destination reference attached. Keyed by (org, user), like detection, so it can hold the per-user
 * daily cap and what waits for the end of the org's quiet hours (or is dropped then, as the org
 * chooses). Detections that must not coach anyone (staged rule, user not in the directory, no
 * email, channel not configured, over the daily cap, quiet hours in drop mode) end here with a
 * {@code skipped} status, so every detection has an outcome in the audit trail.
 */
public class NotificationPlanner extends KeyedProcessFunction<String, Detection, Notification> {
    private static final long DAY = 86_400_000L;

    /** Per user and UTC day; public: the savepoint tools read and rewrite the planner's state. */
    public static final ValueStateDescriptor<DailyCount> COACHED_TODAY = coachedTodayDescriptor();
    public static final ListStateDescriptor<Detection> QUIET =
            new ListStateDescriptor<>("held-for-quiet-hours", Detection.class);

    private final NotifierSettings settings;
    private transient ValueState<DailyCount> today;
    private transient ListState<Detection> quiet;
    private transient LabelledCounters skippedCounters;

    public NotificationPlanner(NotifierSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        today = getRuntimeContext().getState(COACHED_TODAY);
        quiet = getRuntimeContext().getListState(QUIET);
        skippedCounters = DeliveryCounters.create(getRuntimeContext().getMetricGroup());
    }

    private static ValueStateDescriptor<DailyCount> coachedTodayDescriptor() {
        ValueStateDescriptor<DailyCount> d = new ValueStateDescriptor<>("coached-today", DailyCount.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(2)).build());
        return d;
    }

    /** A notification that will not be sent, with its reason: counted and passed to the audit. */
    private void emitSkipped(Context ctx, DeliveryStatus status) {
        skippedCounters.inc(status.orgId, status.channel, status.status);
        ctx.output(Tags.SKIPPED_DELIVERIES, status);
    }

    @Override
    public void processElement(Detection d, Context ctx, Collector<Notification> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long quietUntil = "live".equals(d.mode) && d.userId != null ? QuietHours.endIfQuiet(d, now) : -1;
        if (quietUntil > 0) {
            if ("drop".equals(d.quietMode)) {
                for (String channel : d.channels) {
                    emitSkipped(ctx, skipped(d, channel, notificationId(d.detectionId, channel), "quiet_hours", now));
                }
            } else {
                quiet.add(d);
                ctx.timerService().registerProcessingTimeTimer(quietUntil);
            }
            return;
        }
        plan(d, now, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        List<Detection> stillQuiet = new ArrayList<>();
        for (Detection d : quiet.get()) {
            long end = QuietHours.endIfQuiet(d, timestamp);
            if (end > 0) {
                stillQuiet.add(d);
                ctx.timerService().registerProcessingTimeTimer(end);
            } else {
                plan(d, timestamp, ctx, out);
            }
        }
        quiet.update(stillQuiet);
    }

    private void plan(Detection d, long now, Context ctx, Collector<Notification> out) throws Exception {
        String skip = !"live".equals(d.mode) ? "staged_rule"
                : d.userId == null ? "user_not_in_directory"
                : d.userEmail == null ? "user_has_no_email"
                : overDailyCap(now) ? "daily_cap" : null;
        for (String channel : d.channels) {
            String id = notificationId(d.detectionId, channel);
            String why = skip != null ? skip : !settings.endpoints.containsKey(channel) ? "channel_not_configured" : null;
            if (why != null) {
                emitSkipped(ctx, skipped(d, channel, id, why, now));
            } else {
                out.collect(notification(d, channel, id));
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

    private Notification notification(Detection d, String channel, String id) {
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
        // Vendor text: shown to people, so inert (links defanged unless the org allows their domain).
        n.summary = InertText.defang(InertText.printable(d.summary), d.linkDomains);
        n.signingSecretRef = d.signingSecretRef;
        n.eventUids = d.eventUids;
        n.detectTime = d.detectTime;
        for (int i = 0; i < d.destinationChannels.length; i++) {
            if (d.destinationChannels[i].equals(channel)) {
                n.destinationRef = d.destinationRefs[i];
            }
        }
        Map<String, String> values = new HashMap<>();
        values.put("first_name", d.firstName == null ? "there" : d.firstName);
        values.put("summary", n.summary);
        values.put("rule", d.ruleId);
        values.put("module", d.coachModule);
        values.put("module_url", n.moduleUrl);
        values.put("severity", d.severity);
        values.put("module_title", module != null ? module.title : d.coachModule);
        values.put("why", module != null ? module.why : "");
        values.put("company", d.brandCompany == null ? "" : d.brandCompany);
        values.put("security_team", d.brandTeam == null ? "the security team" : d.brandTeam);
        n.text = MessageTemplate.render(settings.modules.templateFor(d.messageTemplate, d.coachModule), values)
                .replaceAll("\\s+", " ").trim();
        return n;
    }

    private static DeliveryStatus skipped(Detection d, String channel, String id, String reason, long now) {
        DeliveryStatus s = new DeliveryStatus();
        s.notificationId = id;
        s.detectionId = d.detectionId;
        s.orgId = d.orgId;
        s.ruleId = d.ruleId;
        s.userId = d.userId;
        s.channel = channel;
        s.status = DeliveryStatus.SKIPPED;
        s.reason = reason;
        s.time = now;
        return s;
    }

    /** Coaching messages one user got on one UTC day. */
    public static class DailyCount {
        public long day;
        public int count;

        public DailyCount() {}
    }
}
