package io.securitycoach.detect;

import io.securitycoach.control.BroadcastFlag;
import io.securitycoach.control.BroadcastStore;
import io.securitycoach.control.ControlAnswers;
import io.securitycoach.control.ControlLimits;
import io.securitycoach.control.ControlRequests;
import io.securitycoach.control.ControlType;
import io.securitycoach.control.OrgSettingsHandover;
import io.securitycoach.control.SnapshotWait;
import io.securitycoach.control.VersionedRegistry;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlRequest;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
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
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.SideOutputs;
import io.securitycoach.util.Tags;
import io.securitycoach.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detect stage, keyed by (org, user). Customer rules arrive on the control stream and live in
 * broadcast state as data, versioned by a {@link VersionedRegistry} (validated here, so every
 * control message gets one {@link ControlStatus}); each task compiles them into a {@link RuleIndex}
 * by org and event class. What a user needs (suppression, threshold counts, sequence steps) is
 * {@link RuleProgress} in keyed state, cleaned by processing-time timers once its event-time span
 * has passed on the wall clock (event-time timers would drop it under events still to come whenever
 * sources interleave files of different days). Until the control stream says its initial snapshot
 * is complete, events wait in keyed state, so a fresh start never misses a rule that was on its
 * way. Org settings are the notify stage's: what this stage held before state layout 3 is handed
 * over ({@link OrgSettingsHandover}).
 */
public class RuleDetector
        extends KeyedBroadcastProcessFunction<String, SecurityEvent, ControlMessage, Detection>
        implements CheckpointedFunction {
    private static final Logger LOG = LoggerFactory.getLogger(RuleDetector.class);
    public static final String STAGE = "detect";

    public static final MapStateDescriptor<String, RuleDefinition> RULES =
            new MapStateDescriptor<>(
                    "rules", Types.STRING, TypeInformation.of(RuleDefinition.class));

    /**
     * Control-stream facts shared by all tasks: "ready" once the initial rule snapshot is complete.
     */
    public static final MapStateDescriptor<String, Boolean> CONTROL =
            new MapStateDescriptor<>("control", Types.STRING, Types.BOOLEAN);

    /**
     * Per rule for this user; timers clean it, and a TTL beyond any window or suppression backs
     * them up.
     */
    public static final MapStateDescriptor<String, RuleProgress> PROGRESS = progressDescriptor();

    public static final ListStateDescriptor<SecurityEvent> WAITING =
            new ListStateDescriptor<>("waiting-for-rules", TypeInformation.of(SecurityEvent.class));

    /** Cleanup timers are rounded up to this, so one timer serves many events of a user. */
    private static final long TIMER_GRANULARITY = 60_000;

    private final long latenessMillis;
    private final int maxRulesPerOrg;
    private transient RuleIndex rules;
    private transient RuleEngine engine;
    private transient VersionedRegistry<RuleDefinition> registry;
    private transient boolean rulesLoaded;
    private transient SnapshotWait snapshot;
    private transient MapState<String, RuleProgress> progress;
    private transient ListState<SecurityEvent> waiting;
    private transient Counter detections;
    private transient ControlAnswers answers;
    private transient OrgSettingsHandover handover;

    public RuleDetector(long latenessMillis, int maxRulesPerOrg) {
        this.latenessMillis = latenessMillis;
        this.maxRulesPerOrg = maxRulesPerOrg;
    }

    public RuleDetector() {
        this(5_000, ControlLimits.MAX_RULES_PER_ORG);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        handover = OrgSettingsHandover.of(context.getOperatorStateStore(), context.isRestored());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // broadcast and keyed state only: Flink snapshots them
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new RuleIndex();
        engine = new RuleEngine(latenessMillis);
        registry = new VersionedRegistry<>("rules", maxRulesPerOrg, def -> def.version);
        snapshot = SnapshotWait.forSnapshotEnd();
        progress = getRuntimeContext().getMapState(PROGRESS);
        waiting = getRuntimeContext().getListState(WAITING);
        detections = JobMetrics.exported(getRuntimeContext()).counter("detections");
        answers = new ControlAnswers(getRuntimeContext());
    }

    @Override
    public void processElement(SecurityEvent event, ReadOnlyContext ctx, Collector<Detection> out)
            throws Exception {
        if (handover.pending()) {
            handover.handOverOnce(ctx::output);
        }
        if (!snapshot.knownOver()
                && !snapshot.isOver(new BroadcastFlag(ctx.getBroadcastState(CONTROL)))) {
            waiting.add(event);
            return;
        }
        loadRulesAfterRestore(ctx.getBroadcastState(RULES));
        evaluate(event, ctx.currentProcessingTime(), out, ctx::output, ctx.timerService());
    }

    /**
     * Drops progress whose window has passed on the wall clock and in event time. The wall clock
     * alone would drop, after a restore, every window the downtime outlasted, though the events
     * that complete them are still queued; event time alone would drop progress under events still
     * to come whenever sources interleave files of different days. Progress that waits on the
     * watermark is looked at again a minute later (the watermark restarts low after a restore).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
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
            progress.remove(
                    ruleKey); // not through the iterator: the TTL wrapper's iterator does not
            // remove
        }
        if (waitingForWatermark) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            (timestamp / TIMER_GRANULARITY + 1) * TIMER_GRANULARITY);
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage msg, Context ctx, Collector<Detection> out)
            throws Exception {
        handover.handOverOnce(ctx::output);
        BroadcastState<String, RuleDefinition> state = ctx.getBroadcastState(RULES);
        loadRulesAfterRestore(state);
        ControlRequest request = ControlRequests.of(msg, ctx.currentProcessingTime());
        answers.answer(apply(msg, request, new RuleStore(state), ctx, out), ctx::output);
    }

    /**
     * The status of one control message routed here ({@link ControlType}: the rule types and the
     * end of the snapshot, which this stage answers with {@code ready}); null for none.
     */
    private ControlStatus apply(
            ControlMessage msg,
            ControlRequest request,
            RuleStore store,
            Context ctx,
            Collector<Detection> out)
            throws Exception {
        ControlType type = ControlType.of(msg);
        if (type == null) {
            return null;
        }
        switch (type) {
            case RULE_UPSERT:
                return upsert(msg, request, store, ctx);
            case RULE_DELETE:
                return delete(request, store, ctx);
            case RULE_ENABLE:
            case RULE_DISABLE:
            case RULE_STAGE:
            case RULE_PROMOTE:
                return registry.change(
                                store, request, live -> nextVersion(live, msg), this::install)
                        .status;
            case SNAPSHOT_END:
                snapshotComplete(msg, ctx, out);
                return ControlStatus.ready(msg.source, request.time);
            default:
                return null; // not routed here
        }
    }

    private ControlStatus upsert(
            ControlMessage msg, ControlRequest request, RuleStore store, Context ctx)
            throws Exception {
        String text = msg.payload == null ? "" : msg.payload;
        RuleDefinition def;
        CompiledRule compiled;
        try {
            def = RuleParser.parse(text, msg.source);
            if (msg.orgId != null && !msg.orgId.equals(def.orgId)) {
                throw new RuleRejectedException(
                        List.of(
                                Problem.at(
                                        "org",
                                        "the rule names org '"
                                                + def.orgId
                                                + "' but was sent for org '"
                                                + msg.orgId
                                                + "'")));
            }
            compiled = rules.compiler().compile(def);
        } catch (RuleRejectedException e) {
            String[] named = RuleParser.peekOrgAndId(text);
            ControlRequest subject =
                    request.about(
                            msg.orgId != null ? msg.orgId : named[0],
                            msg.ruleId != null ? msg.ruleId : named[1],
                            msg.version);
            return ControlStatus.rejected(subject, registry.liveVersion(store, subject), errors(e));
        }
        VersionedRegistry.Outcome<RuleDefinition> outcome =
                registry.upsert(store, request.about(def.orgId, def.ruleId, def.version), def);
        if (outcome.applied) {
            rules.put(compiled);
            if (outcome.previous != null && outcome.previous.version != def.version) {
                forgetProgress(def.key(), ctx);
            }
        }
        return outcome.status;
    }

    /** enable, disable, stage, promote: a new version of the live rule with one setting changed. */
    private static RuleDefinition nextVersion(RuleDefinition live, ControlMessage msg) {
        RuleDefinition next = live.copy();
        next.version = msg.version;
        switch (msg.type) {
            case ControlMessage.RULE_ENABLE:
                next.enabled = true;
                break;
            case ControlMessage.RULE_DISABLE:
                next.enabled = false;
                break;
            case ControlMessage.RULE_STAGE:
                next.mode = RuleDefinition.MODE_STAGED;
                break;
            default:
                next.mode = RuleDefinition.MODE_LIVE;
        }
        return next;
    }

    /**
     * Compiles a changed rule into this task's index; e.g. a rule restored after a schema change
     * may fail.
     */
    private List<String> install(RuleDefinition next) {
        try {
            rules.install(next);
            return List.of();
        } catch (RuleRejectedException e) {
            return errors(e); // refuse, don't fail the job
        }
    }

    private ControlStatus delete(ControlRequest request, RuleStore store, Context ctx)
            throws Exception {
        VersionedRegistry.Outcome<RuleDefinition> outcome = registry.delete(store, request);
        if (outcome.applied) {
            rules.remove(request.key());
            forgetProgress(request.key(), ctx);
        }
        return outcome.status;
    }

    /** The initial snapshot is complete: every event that waited for it is evaluated now. */
    private void snapshotComplete(ControlMessage end, Context ctx, Collector<Detection> out)
            throws Exception {
        snapshot.endedBy(end, new BroadcastFlag(ctx.getBroadcastState(CONTROL)));
        long now = ctx.currentProcessingTime();
        ctx.applyToKeyedState(
                WAITING,
                (key, waitingEvents) -> {
                    for (SecurityEvent e : waitingEvents.get()) {
                        evaluate(e, now, out, ctx::output, null);
                    }
                    waitingEvents.clear();
                });
    }

    /**
     * A rule that failed by its own fault stops being evaluated on this task (each task that meets
     * the failure says so); its definition stays in broadcast state, so a fixed version replaces it
     * as usual.
     */
    private static ControlStatus disabled(
            RuleDefinition def, RuleEvaluationException error, long now) {
        return ControlStatus.disabled(
                ControlRequest.rule(def.orgId, def.ruleId, def.version, STAGE, now),
                error.getMessage());
    }

    private static List<String> errors(RuleRejectedException e) {
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    private void forgetProgress(String ruleKey, Context ctx) throws Exception {
        ctx.applyToKeyedState(PROGRESS, (key, perRule) -> perRule.remove(ruleKey));
    }

    /**
     * @param timers null when flushing waiting events from the broadcast side (the TTL cleans up
     *     then)
     */
    private void evaluate(
            SecurityEvent event,
            long now,
            Collector<Detection> out,
            SideOutputs side,
            TimerService timers)
            throws Exception {
        List<CompiledRule> candidates = rules.candidates(event);
        if (candidates.isEmpty()) {
            return;
        }
        CleanupTrackingStore store = new CleanupTrackingStore(event, now);
        List<CompiledRule> broken = new ArrayList<>(0);
        List<Detection> found =
                engine.evaluate(
                        candidates,
                        event,
                        store,
                        now,
                        (rule, error) -> evaluationFailed(rule, error, event, now, side, broken));
        broken.forEach(rule -> rules.disable(rule.definition().key()));
        for (Detection d : found) {
            detections.inc();
            out.collect(d);
        }
        if (timers != null && store.latestCleanup != Long.MIN_VALUE) {
            timers.registerProcessingTimeTimer(
                    (store.latestCleanup / TIMER_GRANULARITY + 1) * TIMER_GRANULARITY);
        }
    }

    /**
     * A rule that failed on an event: dead-lettered, and collected into {@code broken} when the
     * failure takes it out of evaluation.
     */
    private static void evaluationFailed(
            CompiledRule rule,
            RuleEvaluationException error,
            SecurityEvent event,
            long now,
            SideOutputs side,
            List<CompiledRule> broken) {
        side.output(
                Tags.DEAD_LETTERS,
                DeadLetter.of(
                        STAGE,
                        event.orgId,
                        event.vendor,
                        "rule_evaluation_failed",
                        error.getMessage(),
                        event.eventUid,
                        rule.definition().key(),
                        now));
        if (error.disablesRule()) {
            broken.add(rule);
            side.output(Tags.RULE_STATUS, disabled(rule.definition(), error, now));
        }
    }

    /**
     * After a restore the broadcast state has the rules but this task's index is empty: compile
     * them once.
     */
    private void loadRulesAfterRestore(ReadOnlyBroadcastState<String, RuleDefinition> state)
            throws Exception {
        if (rulesLoaded) {
            return;
        }
        for (Map.Entry<String, RuleDefinition> e : state.immutableEntries()) {
            try {
                rules.install(e.getValue());
            } catch (RuleRejectedException ex) {
                LOG.error(
                        "Restored rule {} v{} no longer compiles and stays inactive: {}",
                        e.getKey(),
                        e.getValue().version,
                        ex.getMessage());
            }
        }
        rulesLoaded = true;
    }

    private static MapStateDescriptor<String, RuleProgress> progressDescriptor() {
        MapStateDescriptor<String, RuleProgress> d =
                new MapStateDescriptor<>(
                        "rule-progress", Types.STRING, TypeInformation.of(RuleProgress.class));
        d.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(RuleParser.MAX_SUPPRESS.toMillis()))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build());
        return d;
    }

    /**
     * The rules in broadcast state, counted per org by this task's index (no scan of every org's
     * rules).
     */
    private final class RuleStore extends BroadcastStore<RuleDefinition> {
        RuleStore(BroadcastState<String, RuleDefinition> state) {
            super(state);
        }

        @Override
        public int countForOrg(String org) {
            return rules.countForOrg(org);
        }
    }

    /**
     * The keyed progress state as the engine sees it, stamping each saved progress with its
     * processing-time cleanup and remembering the latest one for the timer.
     */
    private final class CleanupTrackingStore implements RuleEngine.ProgressStore {
        private final SecurityEvent event;
        private final long now;
        long latestCleanup = Long.MIN_VALUE;

        CleanupTrackingStore(SecurityEvent event, long now) {
            this.event = event;
            this.now = now;
        }

        @Override
        public RuleProgress get(String ruleKey) throws Exception {
            return progress.get(ruleKey);
        }

        @Override
        public void put(String ruleKey, RuleProgress p) throws Exception {
            p.cleanupAt = now + Math.max(0, p.expiresAt - event.eventTime);
            progress.put(ruleKey, p);
            latestCleanup = Math.max(latestCleanup, p.cleanupAt);
        }

        @Override
        public void remove(String ruleKey) throws Exception {
            progress.remove(ruleKey);
        }
    }
}
