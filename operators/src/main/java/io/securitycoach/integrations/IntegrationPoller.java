package io.securitycoach.integrations;

import io.securitycoach.notify.AddressPolicy;
import io.securitycoach.notify.DestinationGuard;
import io.securitycoach.notify.GuardedTransport;
import io.securitycoach.notify.HostLookups;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.notify.PinnedDns;
import io.securitycoach.notify.SecretResolver;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.RawEvent;
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.Tags;
import io.securitycoach.validation.Problems;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;

/**
 * Polls each org's vendor APIs, keyed by {@code org/vendor}: the integration's definition and
 * cursor are keyed state, a processing-time timer per integration says when to poll next, and the
 * fetch runs inside the timer callback (strict timeouts, bounded pages per poll), which emits the
 * records and moves the cursor together: a checkpoint holds both or neither, so a restore resumes
 * exactly after the last record it holds. Definitions arrive on the control stream (added, changed,
 * paused, resumed, removed while the job runs) and each is answered with a status, as is every
 * change of an integration's health. Checkpoints taken and completed are told to {@link
 * PageAcknowledgements}, for the vendors whose cursor lives on their side (Netskope).
 */
public class IntegrationPoller extends KeyedProcessFunction<String, ControlMessage, RawEvent>
        implements CheckpointedFunction, CheckpointListener {
    /** Gauge per integration (org, vendor): how far it is behind its vendor, 0 when caught up. */
    public static final String LAG_METRIC = "integrationLagMillis";

    /** Counter per integration (org, vendor): records fetched. */
    public static final String EVENTS_METRIC = "integrationEvents";

    private static final long serialVersionUID = 1L;

    public static final ValueStateDescriptor<IntegrationDefinition> DEFINITION =
            new ValueStateDescriptor<>("integration-definition", IntegrationDefinition.class);
    public static final String DEFINITION_STATE = DEFINITION.getName();
    public static final ValueStateDescriptor<IntegrationCursor> CURSOR =
            new ValueStateDescriptor<>("integration-cursor", IntegrationCursor.class);
    public static final ValueStateDescriptor<Long> NEXT_POLL =
            new ValueStateDescriptor<>("integration-next-poll", Long.class);

    public static final String PAUSED = "paused";
    public static final String RESUMED = "resumed";

    private final IntegrationSettings settings;
    private final NotifierSettings secretsFrom;

    private transient ValueState<IntegrationDefinition> definition;
    private transient ValueState<IntegrationCursor> cursor;
    private transient ValueState<Long> nextPoll;
    private transient GuardedTransport transport;
    private transient HostLookups lookups;
    private transient ExecutorService secretLookups;
    private transient SecretResolver secrets;
    private transient TokenCache tokens;
    private transient Map<String, Long> lags;
    private transient Map<String, Counter> fetched;
    private transient PageAcknowledgements acknowledgements;

    /**
     * @param secretsFrom where secret references are resolved (the notifier's secret settings)
     */
    public IntegrationPoller(IntegrationSettings settings, NotifierSettings secretsFrom) {
        this.settings = settings;
        this.secretsFrom = secretsFrom;
    }

    @Override
    public void open(Configuration parameters) {
        definition = getRuntimeContext().getState(DEFINITION);
        cursor = getRuntimeContext().getState(CURSOR);
        nextPoll = getRuntimeContext().getState(NEXT_POLL);
        PinnedDns pins = new PinnedDns(Duration.ofMinutes(5));
        lookups = new HostLookups(2, InetAddress::getAllByName);
        transport =
                new GuardedTransport(
                        new DestinationGuard(List.of(), pins, addressPolicy(settings.allowLocal)),
                        pins,
                        lookups,
                        Duration.ofMillis(settings.requestTimeoutMillis),
                        4,
                        settings.maxResponseBytes);
        secretLookups = Executors.newFixedThreadPool(2);
        secrets = SecretResolver.of(secretsFrom, secretLookups);
        tokens = new TokenCache();
        lags = new HashMap<>();
        fetched = new HashMap<>();
        acknowledgements =
                new PageAcknowledgements(
                        !(getRuntimeContext() instanceof StreamingRuntimeContext)
                                || ((StreamingRuntimeContext) getRuntimeContext())
                                        .isCheckpointingEnabled());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // every cursor is keyed state; the acknowledgements start empty after a restore
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (acknowledgements != null) {
            acknowledgements.snapshotted(context.getCheckpointId());
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (acknowledgements != null) {
            acknowledgements.completed(checkpointId);
        }
    }

    /** Public addresses only, unless the operator allows local stand-ins (loopback, private). */
    static Function<InetAddress, String> addressPolicy(boolean allowLocal) {
        if (!allowLocal) {
            return AddressPolicy::refusal;
        }
        return a ->
                a.isLoopbackAddress() || a.isSiteLocalAddress() ? null : AddressPolicy.refusal(a);
    }

    @Override
    public void close() throws Exception {
        if (transport != null) {
            transport.close();
            lookups.close();
            secrets.close();
            secretLookups.shutdownNow();
        }
    }

    @Override
    public void processElement(ControlMessage m, Context ctx, Collector<RawEvent> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        ControlStatus answer = new IntegrationControl(settings, definition, cursor).apply(m, now);
        ctx.output(Tags.RULE_STATUS, answer);
        IntegrationDefinition live = definition.value();
        if (live == null) {
            acknowledgements.forget(ctx.getCurrentKey());
        }
        if (live == null || live.paused) {
            cancelPoll(ctx);
        } else if (nextPoll.value() == null) {
            schedule(ctx, now);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawEvent> out)
            throws Exception {
        nextPoll.clear();
        IntegrationDefinition def = definition.value();
        if (def == null || def.paused) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        IntegrationPoll.Result result =
                poll(def, now, out::collect, s -> ctx.output(Tags.RULE_STATUS, s));
        schedule(ctx, Math.max(result.nextPollAt, now));
    }

    /** One poll of the current key's integration; its records and status changes go out. */
    IntegrationPoll.Result poll(
            IntegrationDefinition def,
            long now,
            IntegrationPoll.Emitter out,
            Consumer<ControlStatus> statuses)
            throws Exception {
        IntegrationCursor c = cursor.value();
        VendorApi api = VendorApis.get(def.vendor);
        VendorCall call =
                new VendorCall(
                        def,
                        transport,
                        secrets::resolve,
                        tokens,
                        Duration.ofMillis(settings.requestTimeoutMillis),
                        now,
                        acknowledgements);
        IntegrationPoll.Result result = new IntegrationPoll(api, settings).run(def, c, call, out);
        cursor.update(c);
        track(def.key(), result);
        if (result.healthChange != null) {
            statuses.accept(health(def, c, result, now));
        }
        return result;
    }

    private void track(String key, IntegrationPoll.Result result) {
        if (!lags.containsKey(key)) {
            // Per integration by nature (one org's vendor): org and vendor dimensions.
            String[] orgAndVendor = key.split("/", 2);
            MetricGroup group =
                    JobMetrics.exported(getRuntimeContext())
                            .addGroup("org", orgAndVendor[0])
                            .addGroup("vendor", orgAndVendor.length > 1 ? orgAndVendor[1] : "");
            group.gauge(LAG_METRIC, () -> lags.getOrDefault(key, 0L));
            fetched.put(key, group.counter(EVENTS_METRIC));
        }
        lags.put(key, result.lagMillis);
        fetched.get(key).inc(result.emitted);
    }

    static ControlStatus health(
            IntegrationDefinition def, IntegrationCursor c, IntegrationPoll.Result r, long now) {
        List<String> findings = new ArrayList<>();
        findings.add(r.finding);
        findings.add("lag_ms: " + r.lagMillis);
        findings.add(
                "cursor: page "
                        + c.pages
                        + (c.next != null ? " next " + c.next : " since " + Urls.iso(c.since)));
        return ControlStatus.integration(
                def.orgId,
                def.vendor,
                def.version,
                r.healthChange,
                findings,
                "integration-health",
                now);
    }

    private void schedule(Context ctx, long at) throws Exception {
        cancelPoll(ctx);
        ctx.timerService().registerProcessingTimeTimer(at);
        nextPoll.update(at);
    }

    private void cancelPoll(Context ctx) throws Exception {
        Long at = nextPoll.value();
        if (at != null) {
            ctx.timerService().deleteProcessingTimeTimer(at);
            nextPoll.clear();
        }
    }

    /**
     * The final fetch of a bounded run, for the current key: polls until a poll comes back empty
     * (waiting where the vendor asks), or until the drain timeout.
     */
    void drain(IntegrationPoll.Emitter out, Consumer<ControlStatus> statuses) throws Exception {
        IntegrationDefinition def = definition.value();
        if (def == null || def.paused) {
            return;
        }
        acknowledgements.trustAll(); // no checkpoint comes between the polls of the final fetch
        long deadline = System.currentTimeMillis() + settings.drainTimeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            IntegrationPoll.Result r = poll(def, now, out, statuses);
            boolean caughtUp = cursor.value().caughtUpAt == now && cursor.value().failures == 0;
            if (caughtUp && r.empty) {
                return;
            }
            long wait = caughtUp ? 0 : Math.min(r.nextPollAt, deadline) - now;
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        statuses.accept(
                ControlStatus.integration(
                        def.orgId,
                        def.vendor,
                        def.version,
                        IntegrationHealth.LAGGING,
                        List.of("the bounded run ended before the vendor had nothing more"),
                        "integration-health",
                        System.currentTimeMillis()));
    }

    /** What the control messages do to one integration's state, and the answer to each. */
    static final class IntegrationControl {
        private final IntegrationSettings settings;
        private final ValueState<IntegrationDefinition> definition;
        private final ValueState<IntegrationCursor> cursor;

        IntegrationControl(
                IntegrationSettings settings,
                ValueState<IntegrationDefinition> definition,
                ValueState<IntegrationCursor> cursor) {
            this.settings = settings;
            this.definition = definition;
            this.cursor = cursor;
        }

        ControlStatus apply(ControlMessage m, long now) throws Exception {
            IntegrationDefinition live = definition.value();
            String vendor = m.ruleId;
            if (ControlMessage.INTEGRATION_UPSERT.equals(m.type)) {
                return upsert(m, live, now);
            }
            if (live == null) {
                return answer(
                        m,
                        vendor,
                        ControlStatus.REJECTED,
                        List.of("integration: no such integration"),
                        now);
            }
            if (m.version < live.version
                    || m.version == live.version
                            && !ControlMessage.INTEGRATION_DELETE.equals(m.type)) {
                return answer(
                        m,
                        vendor,
                        ControlStatus.STALE,
                        List.of(
                                "version "
                                        + m.version
                                        + " is not newer than the live version "
                                        + live.version),
                        now);
            }
            switch (m.type) {
                case ControlMessage.INTEGRATION_DELETE:
                    definition.clear();
                    cursor.clear(); // nothing of a removed integration stays in state
                    return answer(m, vendor, ControlStatus.DELETED, List.of(), now);
                case ControlMessage.INTEGRATION_PAUSE:
                case ControlMessage.INTEGRATION_RESUME:
                    boolean pause = ControlMessage.INTEGRATION_PAUSE.equals(m.type);
                    live.paused = pause;
                    live.version = m.version;
                    definition.update(live);
                    return answer(m, vendor, pause ? PAUSED : RESUMED, List.of(), now);
                default:
                    return answer(
                            m,
                            vendor,
                            ControlStatus.REJECTED,
                            List.of("type: unknown integration message"),
                            now);
            }
        }

        private ControlStatus upsert(ControlMessage m, IntegrationDefinition live, long now)
                throws Exception {
            Problems problems = new Problems();
            IntegrationDefinition d =
                    new IntegrationValidator(settings)
                            .read(m.orgId, m.ruleId, m.version, m.payload, problems);
            if (d == null) {
                return answer(m, m.ruleId, ControlStatus.REJECTED, problems.messages(), now);
            }
            if (live != null && m.version <= live.version) {
                return answer(
                        m,
                        m.ruleId,
                        ControlStatus.STALE,
                        List.of(
                                "version "
                                        + m.version
                                        + " is not newer than the live version "
                                        + live.version),
                        now);
            }
            if (!d.sameSourceAs(live)) {
                // a new integration, or another tenant: fetch from its start time or backfill
                IntegrationCursor fresh =
                        IntegrationCursor.startingAt(
                                d.startTime > 0 ? d.startTime : now - d.backfillMillis);
                fresh.caughtUpAt = now;
                cursor.update(fresh);
            }
            definition.update(d);
            return answer(m, m.ruleId, d.paused ? PAUSED : ControlStatus.ACCEPTED, List.of(), now);
        }

        private static ControlStatus answer(
                ControlMessage m, String vendor, String status, List<String> errors, long now) {
            return ControlStatus.integration(
                    m.orgId, vendor, m.version, status, errors, m.source, now);
        }
    }
}
