package io.securitycoach.detect;

import io.securitycoach.control.OrgSettingsValidator;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.records.RuleStatus;
import io.securitycoach.rules.CompiledRule;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.rules.RuleEngine;
import io.securitycoach.rules.RuleEvaluationException;
import io.securitycoach.rules.RuleIndex;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.rules.RuleProgress;
import io.securitycoach.rules.RuleRejectedException;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import io.securitycoach.validation.Problem;
import io.securitycoach.validation.Problems;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Detect stage, keyed by (org, user). Customer rules arrive on the control stream and live in
 * broadcast state as data (validated here, so every control message gets one {@link RuleStatus});
 * each task compiles them into a {@link RuleIndex} by org and event class. What a user needs
 * (suppression, threshold counts, sequence steps) is {@link RuleProgress} in keyed state, cleaned by
 * processing-time timers once its event-time span has passed on the wall clock (event-time timers
 * would drop it under events still to come whenever sources interleave files of different days). Until the control stream says its initial snapshot is complete, events wait in
 * keyed state, so a fresh start never misses a rule that was on its way.
 */
public class RuleDetector extends KeyedBroadcastProcessFunction<String, SecurityEvent, ControlMessage, Detection> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleDetector.class);
    public static final String STAGE = "detect";
    public static final int DEFAULT_MAX_RULES_PER_ORG = 500;

    public static final MapStateDescriptor<String, RuleDefinition> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(RuleDefinition.class));
    /** Control-stream facts shared by all tasks: "ready" once the initial rule snapshot is complete. */
    public static final MapStateDescriptor<String, Boolean> CONTROL =
            new MapStateDescriptor<>("control", Types.STRING, Types.BOOLEAN);
    public static final MapStateDescriptor<String, OrgSettings> ORG_SETTINGS =
            new MapStateDescriptor<>("org-settings", Types.STRING, TypeInformation.of(OrgSettings.class));
    private static final String READY = "ready";

    /** Per rule for this user; timers clean it, and a TTL beyond any window or suppression backs them up. */
    public static final MapStateDescriptor<String, RuleProgress> PROGRESS = progressDescriptor();
    public static final ListStateDescriptor<SecurityEvent> WAITING =
            new ListStateDescriptor<>("waiting-for-rules", TypeInformation.of(SecurityEvent.class));
    /** Cleanup timers are rounded up to this, so one timer serves many events of a user. */
    private static final long TIMER_GRANULARITY = 60_000;

    private final long latenessMillis;
    private final int maxRulesPerOrg;
    private transient RuleIndex rules;
    private transient RuleEngine engine;
    private transient boolean rulesLoaded;
    private transient boolean ready;
    private transient MapState<String, RuleProgress> progress;
    private transient ListState<SecurityEvent> waiting;
    private transient Counter detections;
    /** Every task applies every control message; one of them answers it, so each message gets one status. */
    private transient boolean answersControl;

    public RuleDetector(long latenessMillis, int maxRulesPerOrg) {
        this.latenessMillis = latenessMillis;
        this.maxRulesPerOrg = maxRulesPerOrg;
    }

    public RuleDetector() {
        this(5_000, DEFAULT_MAX_RULES_PER_ORG);
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new RuleIndex();
        engine = new RuleEngine(latenessMillis);
        progress = getRuntimeContext().getMapState(PROGRESS);
        waiting = getRuntimeContext().getListState(WAITING);
        detections = getRuntimeContext().getMetricGroup().counter("detections");
        answersControl = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    @Override
    public void processElement(SecurityEvent event, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        if (!isReady(ctx.getBroadcastState(CONTROL))) {
            waiting.add(event);
            return;
        }
        loadRulesAfterRestore(ctx.getBroadcastState(RULES));
        evaluate(event, ctx.currentProcessingTime(), out, ctx::output, ctx.timerService(), ctx.getBroadcastState(ORG_SETTINGS));
    }

    /**
     * Drops progress whose window has passed on the wall clock and in event time. The wall clock
     * alone would drop, after a restore, every window the downtime outlasted, though the events
     * that complete them are still queued; event time alone would drop progress under events still
     * to come whenever sources interleave files of different days. Progress that waits on the
     * watermark is looked at again a minute later (the watermark restarts low after a restore).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        List<String> expired = new ArrayList<>();
        boolean waitingForWatermark = false;
        for (Map.Entry<String, RuleProgress> e : progress.entries()) {
            RuleProgress p = e.getValue();
            if (p.cleanupAt > timestamp) {
                continue;
            }
            if (p.expiresAt <= watermark) {
                expired.add(e.getKey());
            } else {
                waitingForWatermark = true;
            }
        }
        for (String ruleKey : expired) {
            progress.remove(ruleKey); // not through the iterator: the TTL wrapper's iterator does not remove
        }
        if (waitingForWatermark) {
            ctx.timerService().registerProcessingTimeTimer((timestamp / TIMER_GRANULARITY + 1) * TIMER_GRANULARITY);
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage msg, Context ctx, Collector<Detection> out) throws Exception {
        BroadcastState<String, RuleDefinition> state = ctx.getBroadcastState(RULES);
        loadRulesAfterRestore(state);
        long now = ctx.currentProcessingTime();
        RuleStatus status;
        switch (msg.type == null ? "" : msg.type) {
            case ControlMessage.RULE_UPSERT:
                status = upsert(msg, state, ctx, now);
                break;
            case ControlMessage.RULE_DELETE:
                status = delete(msg, state, ctx, now);
                break;
            case ControlMessage.RULE_ENABLE:
            case ControlMessage.RULE_DISABLE:
            case ControlMessage.RULE_STAGE:
            case ControlMessage.RULE_PROMOTE:
                status = change(msg, state, now);
                break;
            case ControlMessage.ORG_SETTINGS:
                status = orgSettings(msg, ctx.getBroadcastState(ORG_SETTINGS), now);
                break;
            case ControlMessage.SNAPSHOT_END:
                ctx.getBroadcastState(CONTROL).put(READY, true);
                ready = true;
                ctx.applyToKeyedState(WAITING, (key, waitingEvents) -> {
                    for (SecurityEvent e : waitingEvents.get()) {
                        evaluate(e, now, out, ctx::output, null, ctx.getBroadcastState(ORG_SETTINGS));
                    }
                    waitingEvents.clear();
                });
                status = RuleStatus.of(null, null, 0, RuleStatus.READY, 0, List.of(), msg.source, now);
                break;
            case ControlMessage.PARSER_UPSERT:
            case ControlMessage.PARSER_DELETE:
                status = null; // the normalize stage holds parsing configurations and answers for them
                break;
            case ControlMessage.REFUSED: // by the control intake: answered here, for every type
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0, msg.reasons(),
                        msg.source, now);
                break;
            case ControlMessage.UNREADABLE:
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0,
                        List.of("unreadable control message: " + msg.payload), msg.source, now);
                break;
            default:
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0,
                        List.of("type: unknown control message type '" + msg.type + "'"), msg.source, now);
        }
        if (answersControl && status != null) {
            ctx.output(Tags.RULE_STATUS, status);
        }
    }

    private RuleStatus upsert(ControlMessage msg, BroadcastState<String, RuleDefinition> state, Context ctx, long now)
            throws Exception {
        String text = msg.payload == null ? "" : msg.payload;
        RuleDefinition def;
        CompiledRule compiled;
        try {
            def = RuleParser.parse(text, msg.source);
            if (msg.orgId != null && !msg.orgId.equals(def.orgId)) {
                throw new RuleRejectedException(List.of(Problem.at("org", "the rule names org '" + def.orgId
                        + "' but was sent for org '" + msg.orgId + "'")));
            }
            compiled = rules.compiler().compile(def);
        } catch (RuleRejectedException e) {
            String[] named = RuleParser.peekOrgAndId(text);
            String orgId = msg.orgId != null ? msg.orgId : named[0];
            String ruleId = msg.ruleId != null ? msg.ruleId : named[1];
            RuleDefinition live = orgId == null || ruleId == null ? null : state.get(RuleDefinition.key(orgId, ruleId));
            return RuleStatus.of(orgId, ruleId, msg.version, RuleStatus.REJECTED, live == null ? 0 : live.version,
                    errors(e), msg.source, now);
        }
        RuleDefinition current = state.get(def.key());
        if (current != null && current.version >= def.version && !current.equals(def)) {
            return stale(def.orgId, def.ruleId, def.version, current.version, msg.source, now);
        }
        if (current == null && rules.countForOrg(def.orgId) >= maxRulesPerOrg) {
            return RuleStatus.of(def.orgId, def.ruleId, def.version, RuleStatus.REJECTED, 0,
                    List.of("org: " + def.orgId + " already has " + maxRulesPerOrg + " rules, the most an org may have"),
                    msg.source, now);
        }
        state.put(def.key(), def);
        rules.put(compiled);
        if (current != null && current.version != def.version) {
            forgetProgress(def.key(), ctx);
        }
        return RuleStatus.of(def.orgId, def.ruleId, def.version, RuleStatus.ACCEPTED, def.version, List.of(), msg.source, now);
    }

    /** enable, disable, stage, promote: a new version of the live rule with one setting changed. */
    private RuleStatus change(ControlMessage msg, BroadcastState<String, RuleDefinition> state, long now) throws Exception {
        RuleDefinition current = state.get(RuleDefinition.key(msg.orgId, msg.ruleId));
        if (current == null) {
            return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0,
                    List.of("rule: no such rule"), msg.source, now);
        }
        if (msg.version <= current.version) {
            return stale(msg.orgId, msg.ruleId, msg.version, current.version, msg.source, now);
        }
        RuleDefinition next = current.copy();
        next.version = msg.version;
        switch (msg.type) {
            case ControlMessage.RULE_ENABLE: next.enabled = true; break;
            case ControlMessage.RULE_DISABLE: next.enabled = false; break;
            case ControlMessage.RULE_STAGE: next.mode = RuleDefinition.MODE_STAGED; break;
            default: next.mode = RuleDefinition.MODE_LIVE;
        }
        try {
            rules.install(next);
        } catch (RuleRejectedException e) {
            // e.g. a rule restored after a schema change that no longer compiles: refuse, don't fail the job
            return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, current.version, errors(e), msg.source, now);
        }
        state.put(next.key(), next);
        return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.ACCEPTED, next.version, List.of(), msg.source, now);
    }

    private RuleStatus delete(ControlMessage msg, BroadcastState<String, RuleDefinition> state, Context ctx, long now)
            throws Exception {
        String key = RuleDefinition.key(msg.orgId, msg.ruleId);
        RuleDefinition current = state.get(key);
        if (current == null) {
            return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0,
                    List.of("rule: no such rule"), msg.source, now);
        }
        if (current.version > msg.version) {
            return stale(msg.orgId, msg.ruleId, msg.version, current.version, msg.source, now);
        }
        state.remove(key);
        rules.remove(key);
        forgetProgress(key, ctx);
        return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.DELETED, 0, List.of(), msg.source, now);
    }

    private static RuleStatus orgSettings(ControlMessage msg, BroadcastState<String, OrgSettings> state, long now)
            throws Exception {
        OrgSettings current = state.get(msg.orgId == null ? "" : msg.orgId);
        if (current != null && current.version >= msg.version) {
            return stale(msg.orgId, null, msg.version, current.version, msg.source, now);
        }
        Problems problems = new Problems();
        if (msg.orgId == null || msg.orgId.isBlank()) {
            problems.add("org", "missing");
        }
        OrgSettings settings = OrgSettingsValidator.parse(msg.orgId, msg.version, msg.payload, problems);
        if (!problems.isEmpty()) {
            return RuleStatus.of(msg.orgId, null, msg.version, RuleStatus.REJECTED, current == null ? 0 : current.version,
                    problems.messages(), msg.source, now);
        }
        state.put(msg.orgId, settings);
        return RuleStatus.of(msg.orgId, null, msg.version, RuleStatus.ACCEPTED, msg.version, List.of(), msg.source, now);
    }

    /**
     * A rule that failed by its own fault stops being evaluated on this task (each task that meets the
     * failure says so); its definition stays in broadcast state, so a fixed version replaces it as usual.
     */
    private static RuleStatus disabled(RuleDefinition def, RuleEvaluationException error, long now) {
        return RuleStatus.of(def.orgId, def.ruleId, def.version, RuleStatus.DISABLED, 0,
                List.of("disabled at run time: " + error.getMessage()), STAGE, now);
    }

    private static RuleStatus stale(String org, String rule, long version, long live, String source, long now) {
        return RuleStatus.of(org, rule, version, RuleStatus.STALE, live,
                List.of("version " + version + " is not newer than the live version " + live), source, now);
    }

    private static List<String> errors(RuleRejectedException e) {
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    private void forgetProgress(String ruleKey, Context ctx) throws Exception {
        ctx.applyToKeyedState(PROGRESS, (key, perRule) -> perRule.remove(ruleKey));
    }

    /** @param timers null when flushing waiting events from the broadcast side (the TTL cleans up then) */
    private void evaluate(SecurityEvent event, long now, Collector<Detection> out, SideOutput side, TimerService timers,
                          ReadOnlyBroadcastState<String, OrgSettings> orgSettings) throws Exception {
        List<CompiledRule> candidates = rules.candidates(event);
        if (candidates.isEmpty()) {
            return;
        }
        long[] latestCleanup = {Long.MIN_VALUE};
        RuleEngine.ProgressStore store = new RuleEngine.ProgressStore() {
            @Override
            public RuleProgress get(String ruleKey) throws Exception {
                return progress.get(ruleKey);
            }

            @Override
            public void put(String ruleKey, RuleProgress p) throws Exception {
                p.cleanupAt = now + Math.max(0, p.expiresAt - event.eventTime);
                progress.put(ruleKey, p);
                latestCleanup[0] = Math.max(latestCleanup[0], p.cleanupAt);
            }

            @Override
            public void remove(String ruleKey) throws Exception {
                progress.remove(ruleKey);
            }
        };
        List<CompiledRule> broken = new ArrayList<>(0);
        List<Detection> found = engine.evaluate(candidates, event, store, now, (rule, error) -> {
            side.output(Tags.DEAD_LETTERS, DeadLetter.of(STAGE, event.orgId, event.vendor, "rule_evaluation_failed",
                    error.getMessage(), event.eventUid, rule.definition().key(), now));
            if (error.disablesRule()) {
                broken.add(rule);
                side.output(Tags.RULE_STATUS, disabled(rule.definition(), error, now));
            }
        });
        broken.forEach(rule -> rules.disable(rule.definition().key()));
        OrgSettings org = found.isEmpty() ? null : orgSettings.get(event.orgId);
        for (Detection d : found) {
            if (org != null) {
                d.destinationChannels = org.destinationChannels.clone();
                d.destinationRefs = org.destinationRefs.clone();
                d.quietStart = org.quietStart;
                d.quietEnd = org.quietEnd;
                d.quietZone = org.timeZone;
                d.quietMode = org.quietMode;
                d.brandCompany = org.company;
                d.brandTeam = org.securityTeam;
                d.signingSecretRef = org.signingSecretRef;
                d.linkDomains = org.linkDomains == null ? new String[0] : org.linkDomains.clone(); // older state
            }
            detections.inc();
            out.collect(d);
        }
        if (timers != null && latestCleanup[0] != Long.MIN_VALUE) {
            timers.registerProcessingTimeTimer((latestCleanup[0] / TIMER_GRANULARITY + 1) * TIMER_GRANULARITY);
        }
    }

    private boolean isReady(ReadOnlyBroadcastState<String, Boolean> control) throws Exception {
        if (!ready) {
            ready = Boolean.TRUE.equals(control.get(READY));
        }
        return ready;
    }

    /** After a restore the broadcast state has the rules but this task's index is empty: compile them once. */
    private void loadRulesAfterRestore(ReadOnlyBroadcastState<String, RuleDefinition> state) throws Exception {
        if (rulesLoaded) {
            return;
        }
        for (Map.Entry<String, RuleDefinition> e : state.immutableEntries()) {
            try {
                rules.install(e.getValue());
            } catch (RuleRejectedException ex) {
                LOG.error("Restored rule {} v{} no longer compiles and stays inactive: {}",
                        e.getKey(), e.getValue().version, ex.getMessage());
            }
        }
        rulesLoaded = true;
    }

    private static MapStateDescriptor<String, RuleProgress> progressDescriptor() {
        MapStateDescriptor<String, RuleProgress> d =
                new MapStateDescriptor<>("rule-progress", Types.STRING, TypeInformation.of(RuleProgress.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(RuleParser.MAX_SUPPRESS.toMillis()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return d;
    }

    /** The side-output part of both contexts, so one evaluation serves events and flushed waiters. */
    @FunctionalInterface
    private interface SideOutput {
        <X> void output(OutputTag<X> tag, X value);
    }
}
