package io.securitycoach.detect;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.RuleStatus;
import io.securitycoach.rules.CompiledRule;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.Detections;
import io.securitycoach.rules.RuleDefinition;
import io.securitycoach.rules.RuleError;
import io.securitycoach.rules.RuleEvaluationException;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.rules.RuleRejectedException;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Detect stage, keyed by (org, user). Customer rules arrive on the control stream and live in
 * broadcast state (validated here, so every control message gets a {@link RuleStatus}); what a user
 * needs (suppression) lives in keyed state. Until the control stream says its initial snapshot is
 * complete, events wait in keyed state, so a fresh start never misses a rule that was on its way.
 */
public class RuleDetector extends KeyedBroadcastProcessFunction<String, SecurityEvent, ControlMessage, Detection> {
    public static final String STAGE = "detect";

    public static final MapStateDescriptor<String, RuleDefinition> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(RuleDefinition.class));
    /** Control-stream facts shared by all tasks: "ready" once the initial rule snapshot is complete. */
    public static final MapStateDescriptor<String, Boolean> CONTROL =
            new MapStateDescriptor<>("control", Types.STRING, Types.BOOLEAN);
    private static final String READY = "ready";

    /** Last detection time (event time) per rule for this user; bounded by TTL beyond any suppression window. */
    static final MapStateDescriptor<String, Long> LAST_FIRED = lastFiredDescriptor();
    static final ListStateDescriptor<SecurityEvent> WAITING =
            new ListStateDescriptor<>("waiting-for-rules", TypeInformation.of(SecurityEvent.class));

    private transient RuleSet rules;
    private transient boolean rulesLoaded;
    private transient boolean ready;
    private transient MapState<String, Long> lastFired;
    private transient ListState<SecurityEvent> waiting;
    private transient Counter detections;
    private transient Counter suppressed;
    /** Every task applies every control message; one of them answers it, so each message gets one status. */
    private transient boolean answersControl;

    @Override
    public void open(OpenContext openContext) {
        rules = new RuleSet();
        lastFired = getRuntimeContext().getMapState(LAST_FIRED);
        waiting = getRuntimeContext().getListState(WAITING);
        detections = getRuntimeContext().getMetricGroup().counter("detections");
        suppressed = getRuntimeContext().getMetricGroup().counter("detectionsSuppressed");
        answersControl = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    @Override
    public void processElement(SecurityEvent event, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        if (!isReady(ctx.getBroadcastState(CONTROL))) {
            waiting.add(event);
            return;
        }
        loadRulesAfterRestore(ctx.getBroadcastState(RULES));
        evaluate(event, ctx.currentProcessingTime(), out, ctx::output);
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
            case ControlMessage.SNAPSHOT_END:
                ctx.getBroadcastState(CONTROL).put(READY, true);
                ready = true;
                ctx.applyToKeyedState(WAITING, (key, waitingEvents) -> {
                    for (SecurityEvent e : waitingEvents.get()) {
                        evaluate(e, now, out, ctx::output);
                    }
                    waitingEvents.clear();
                });
                status = RuleStatus.of(null, null, 0, RuleStatus.READY, 0, List.of(), msg.source, now);
                break;
            default:
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.REJECTED, 0,
                        List.of("type: unknown control message type '" + msg.type + "'"), msg.source, now);
        }
        if (answersControl) {
            ctx.output(Tags.RULE_STATUS, status);
        }
    }

    private RuleStatus upsert(ControlMessage msg, BroadcastState<String, RuleDefinition> state, Context ctx, long now)
            throws Exception {
        CompiledRule compiled;
        try {
            compiled = rules.compiler().compile(RuleParser.parse(msg.payload == null ? "" : msg.payload, msg.source));
        } catch (RuleRejectedException e) {
            List<String> errors = e.errors().stream().map(RuleError::toString).collect(Collectors.toList());
            String[] named = RuleParser.peekOrgAndId(msg.payload == null ? "" : msg.payload);
            String orgId = msg.orgId != null ? msg.orgId : named[0];
            String ruleId = msg.ruleId != null ? msg.ruleId : named[1];
            RuleDefinition live = orgId == null || ruleId == null ? null : state.get(RuleDefinition.key(orgId, ruleId));
            return RuleStatus.of(orgId, ruleId, msg.version, RuleStatus.REJECTED, live == null ? 0 : live.version,
                    errors, msg.source, now);
        }
        RuleDefinition def = compiled.definition();
        RuleDefinition current = state.get(def.key());
        if (current != null && current.version > def.version) {
            return RuleStatus.of(def.orgId, def.ruleId, def.version, RuleStatus.STALE, current.version,
                    List.of("version " + def.version + " is older than the live version " + current.version),
                    msg.source, now);
        }
        state.put(def.key(), def);
        rules.put(compiled);
        if (current != null && current.version != def.version) {
            forgetRuleState(def.key(), ctx);
        }
        return RuleStatus.of(def.orgId, def.ruleId, def.version, RuleStatus.ACCEPTED, def.version, List.of(), msg.source, now);
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
            return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.STALE, current.version,
                    List.of("delete of version " + msg.version + " is older than the live version " + current.version),
                    msg.source, now);
        }
        state.remove(key);
        rules.remove(key);
        forgetRuleState(key, ctx);
        return RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.DELETED, 0, List.of(), msg.source, now);
    }

    private void forgetRuleState(String ruleKey, Context ctx) throws Exception {
        ctx.applyToKeyedState(LAST_FIRED, (key, perRule) -> perRule.remove(ruleKey));
    }

    private void evaluate(SecurityEvent event, long now, Collector<Detection> out, SideOutput side) throws Exception {
        List<CompiledRule> candidates = rules.forOrg(event.orgId);
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, Object> eventValue = EventSchema.eventValue(event);
        Map<String, Object> userValue = EventSchema.userValue(event.user);
        for (CompiledRule rule : candidates) {
            boolean matched;
            try {
                matched = rule.matches(eventValue, userValue);
            } catch (RuleEvaluationException e) {
                side.output(Tags.DEAD_LETTERS, DeadLetter.of(STAGE, event.orgId, event.vendor, "rule_evaluation_failed",
                        e.getMessage(), event.eventUid, rule.definition().key(), now));
                continue;
            }
            if (matched && !isSuppressed(rule.definition(), event)) {
                detections.inc();
                out.collect(Detections.of(rule.definition(), event, now));
            }
        }
    }

    /** At most one detection per user per rule per suppression window, in event time, either side of the last one. */
    private boolean isSuppressed(RuleDefinition rule, SecurityEvent event) throws Exception {
        if (rule.suppressMillis <= 0) {
            return false;
        }
        Long last = lastFired.get(rule.key());
        if (last != null && Math.abs(event.eventTime - last) < rule.suppressMillis) {
            suppressed.inc();
            return true;
        }
        lastFired.put(rule.key(), event.eventTime);
        return false;
    }

    private boolean isReady(ReadOnlyBroadcastState<String, Boolean> control) throws Exception {
        if (!ready) {
            ready = Boolean.TRUE.equals(control.get(READY));
        }
        return ready;
    }

    private void loadRulesAfterRestore(ReadOnlyBroadcastState<String, RuleDefinition> state) throws Exception {
        if (!rulesLoaded) {
            List<RuleDefinition> defs = new java.util.ArrayList<>();
            for (Map.Entry<String, RuleDefinition> e : state.immutableEntries()) {
                defs.add(e.getValue());
            }
            rules.reset(defs);
            rulesLoaded = true;
        }
    }

    private static MapStateDescriptor<String, Long> lastFiredDescriptor() {
        MapStateDescriptor<String, Long> d = new MapStateDescriptor<>("last-fired", Types.STRING, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(RuleParser.MAX_SUPPRESS.toMillis()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return d;
    }

    /** The side-output part of both contexts, so one evaluation serves events and flushed waiters. */
    @FunctionalInterface
    private interface SideOutput {
        <X> void output(org.apache.flink.util.OutputTag<X> tag, X value);
    }
}
