package io.securitycoach.normalize;

import io.securitycoach.control.OrgSettingsValidator;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.normalize.parsers.ParserFailure;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.FeedSample;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.RuleStatus;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import io.securitycoach.validation.Problems;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalize stage: vendor records in, common events out, dead letters to a side output, counted
 * per vendor and reason. Orgs' own parsing configurations arrive on the control stream
 * ({@code parser_upsert} / {@code parser_delete}) and live in broadcast state as their text, versioned
 * like rules; each task compiles a configuration once and keeps the org's vendor registry until it
 * changes. Until the control stream's initial snapshot is complete, records naming a vendor nobody
 * knows yet wait (bounded) instead of becoming dead letters for a parser that is about to arrive.
 */
public class NormalizeFunction extends BroadcastProcessFunction<RawEvent, ControlMessage, SecurityEvent>
        implements CheckpointedFunction {
    /** org + "/" + parser name -> the accepted parser_upsert message. */
    public static final MapStateDescriptor<String, ControlMessage> PARSERS = new MapStateDescriptor<>(
            "parsers", Types.STRING, TypeInformation.of(ControlMessage.class));
    /** "ready" once the control stream's initial snapshot is complete. */
    public static final MapStateDescriptor<String, Boolean> PARSERS_READY = new MapStateDescriptor<>(
            "parsers-ready", Types.STRING, Types.BOOLEAN);
    /** org -> its accepted settings (verified domains, feed time zones), applied like the detect stage does. */
    public static final MapStateDescriptor<String, OrgSettings> ORG_FEEDS = new MapStateDescriptor<>(
            "org-feed-settings", Types.STRING, TypeInformation.of(OrgSettings.class));
    static final int MAX_WAITING = 10_000;
    /** Every task holds every org's configurations: one org cannot fill that state. */
    static final int MAX_PARSERS_PER_ORG = 20;
    private static final String READY = "ready";

    private transient EventNormalizer normalizer;
    private transient VendorRegistry builtIn;
    private transient Map<String, VendorRegistry> registries;
    /** Parsers this task compiled, by state key: an accepted configuration is not compiled again for its registry. */
    private transient Map<String, CompiledParser> compiledParsers;
    /** Configurations this task disabled after they failed at run time: key -> the version that failed. */
    private transient Map<String, Long> disabledParsers;
    private transient Map<String, Counter> counters;
    private transient MetricGroup metrics;
    private transient boolean answersControl;
    private transient ListState<RawEvent> waitingState;
    private transient List<RawEvent> waiting;
    private transient boolean ready;

    @Override
    public void open(OpenContext openContext) {
        normalizer = new EventNormalizer();
        builtIn = VendorRegistry.builtIn();
        registries = new HashMap<>();
        compiledParsers = new HashMap<>();
        disabledParsers = new HashMap<>();
        counters = new HashMap<>();
        metrics = getRuntimeContext().getMetricGroup();
        answersControl = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        waitingState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("waiting-for-parsers", TypeInformation.of(RawEvent.class)));
        waiting = new ArrayList<>();
        for (RawEvent e : waitingState.get()) {
            waiting.add(e);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        waitingState.update(waiting);
    }

    @Override
    public void processElement(RawEvent raw, ReadOnlyContext ctx, Collector<SecurityEvent> out) throws Exception {
        if (!ready && Boolean.TRUE.equals(ctx.getBroadcastState(PARSERS_READY).get(READY))) {
            ready = true; // restored after the snapshot completed
        }
        VendorRegistry vendors = registryOf(raw.orgId, ctx.getBroadcastState(PARSERS),
                ctx.getBroadcastState(ORG_FEEDS));
        boolean unknownVendor = raw.vendor != null && !VendorRegistry.AUTO.equals(raw.vendor) && !vendors.knows(raw.vendor);
        if (!ready && unknownVendor && waiting.size() < MAX_WAITING) {
            waiting.add(raw);
            return;
        }
        emit(raw, vendors, out, ctx::output);
    }

    @Override
    public void processBroadcastElement(ControlMessage msg, Context ctx, Collector<SecurityEvent> out) throws Exception {
        BroadcastState<String, ControlMessage> parsers = ctx.getBroadcastState(PARSERS);
        long now = ctx.currentProcessingTime();
        String type = msg.type == null ? "" : msg.type;
        RuleStatus status = null;
        if (ControlMessage.PARSER_UPSERT.equals(type)) {
            status = upsert(msg, parsers, now);
        } else if (ControlMessage.PARSER_DELETE.equals(type)) {
            String key = msg.orgId + "/" + msg.ruleId;
            ControlMessage live = parsers.get(key);
            if (live != null && msg.version > live.version) {
                parsers.remove(key);
                registries.remove(msg.orgId);
                compiledParsers.remove(key);
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, RuleStatus.DELETED, 0, List.of(), msg.source, now);
            } else {
                status = RuleStatus.of(msg.orgId, msg.ruleId, msg.version, live == null ? RuleStatus.REJECTED : RuleStatus.STALE,
                        live == null ? 0 : live.version, live == null ? List.of("no such parser") : List.of(), msg.source, now);
            }
        } else if (ControlMessage.ORG_SETTINGS.equals(type)) {
            orgSettings(msg, ctx.getBroadcastState(ORG_FEEDS)); // the detect stage answers for settings
        } else if (ControlMessage.SNAPSHOT_END.equals(type) && !ready) {
            ctx.getBroadcastState(PARSERS_READY).put(READY, true);
            ready = true;
            List<RawEvent> released = waiting;
            waiting = new ArrayList<>();
            for (RawEvent raw : released) {
                emit(raw, registryOf(raw.orgId, parsers, ctx.getBroadcastState(ORG_FEEDS)), out, ctx::output);
            }
        }
        if (status != null && answersControl) {
            ctx.output(Tags.RULE_STATUS, status);
        }
    }

    private RuleStatus upsert(ControlMessage msg, BroadcastState<String, ControlMessage> parsers, long now) throws Exception {
        CompiledParser compiled;
        try {
            compiled = ParserCompiler.compile(msg.payload, msg.source == null ? "parser" : msg.source);
        } catch (ParserConfigException e) {
            return rejected(msg, e.messages(), now);
        } catch (RuntimeException e) {
            // a gap in the compiler's checks must cost this configuration, not the job of every org
            return rejected(msg, List.of("cannot compile: " + e.getClass().getSimpleName()), now);
        }
        if (msg.orgId != null && !msg.orgId.equals(compiled.orgId())) {
            return rejected(msg, List.of("org: the configuration names org '" + compiled.orgId()
                    + "' but was sent for org '" + msg.orgId + "'"), now);
        }
        String key = compiled.orgId() + "/" + compiled.vendor();
        ControlMessage live = parsers.get(key);
        if (live != null && live.version >= compiled.version()) {
            return RuleStatus.of(compiled.orgId(), compiled.vendor(), compiled.version(), RuleStatus.STALE, live.version,
                    List.of(), msg.source, now);
        }
        if (live == null && countOf(compiled.orgId(), parsers) >= MAX_PARSERS_PER_ORG) {
            return RuleStatus.of(compiled.orgId(), compiled.vendor(), compiled.version(), RuleStatus.REJECTED, 0,
                    List.of("org: " + compiled.orgId() + " already has " + MAX_PARSERS_PER_ORG
                            + " parsing configurations, the most an org may have"), msg.source, now);
        }
        ControlMessage stored = ControlMessage.parserUpsert(msg.payload, msg.source);
        stored.orgId = compiled.orgId();
        stored.ruleId = compiled.vendor();
        stored.version = compiled.version();
        parsers.put(key, stored);
        registries.remove(compiled.orgId());
        compiledParsers.put(key, compiled);
        return RuleStatus.of(compiled.orgId(), compiled.vendor(), compiled.version(), RuleStatus.ACCEPTED, compiled.version(),
                List.of(), msg.source, now);
    }

    /** The status of a configuration that was not taken: under the org it was sent for, else the one it names. */
    private static RuleStatus rejected(ControlMessage msg, List<String> errors, long now) {
        String[] orgAndName = ParserCompiler.peekOrgAndName(msg.payload == null ? "" : msg.payload);
        String org = msg.orgId != null ? msg.orgId : orgAndName[0];
        return RuleStatus.of(org, orgAndName[1], 0, RuleStatus.REJECTED, 0, errors, msg.source, now);
    }

    private static int countOf(String org, BroadcastState<String, ControlMessage> parsers) throws Exception {
        int n = 0;
        for (Map.Entry<String, ControlMessage> e : parsers.immutableEntries()) {
            if (e.getKey().startsWith(org + "/")) {
                n++;
            }
        }
        return n;
    }

    /** A newer, valid settings message of an org replaces what its feeds are read with. */
    private void orgSettings(ControlMessage msg, BroadcastState<String, OrgSettings> feeds) throws Exception {
        OrgSettings current = msg.orgId == null ? null : feeds.get(msg.orgId);
        if (msg.orgId == null || current != null && current.version >= msg.version) {
            return;
        }
        Problems problems = new Problems();
        OrgSettings settings = OrgSettingsValidator.parse(msg.orgId, msg.version, msg.payload, problems);
        if (problems.isEmpty()) {
            feeds.put(msg.orgId, settings);
            registries.remove(msg.orgId);
        }
    }

    /** The built-ins (as the org's settings configure them) plus its parsers, compiled once per task and version. */
    private VendorRegistry registryOf(String org, ReadOnlyBroadcastState<String, ControlMessage> parsers,
                                      ReadOnlyBroadcastState<String, OrgSettings> feeds) throws Exception {
        VendorRegistry cached = registries.get(org);
        if (cached != null) {
            return cached;
        }
        List<CompiledParser> own = new ArrayList<>();
        String prefix = org + "/";
        for (Map.Entry<String, ControlMessage> e : parsers.immutableEntries()) {
            Long disabled = disabledParsers.get(e.getKey());
            if (!e.getKey().startsWith(prefix) || (disabled != null && disabled == e.getValue().version)) {
                continue;
            }
            CompiledParser parser = compiledParsers.get(e.getKey());
            if (parser == null || parser.version() != e.getValue().version) {
                try {
                    parser = ParserCompiler.compile(e.getValue().payload, e.getValue().source); // after a restore
                    compiledParsers.put(e.getKey(), parser);
                } catch (ParserConfigException | RuntimeException accepted) {
                    // accepted when stored; cannot fail now unless the code's limits changed: skip it
                    continue;
                }
            }
            own.add(parser);
        }
        OrgSettings settings = org == null ? null : feeds.get(org);
        VendorRegistry base = settings == null ? builtIn : VendorRegistry.builtIn(FeedSettings.of(settings));
        VendorRegistry registry = own.isEmpty() ? base : base.plus(own);
        registries.put(org, registry);
        return registry;
    }

    private void emit(RawEvent raw, VendorRegistry vendors, Collector<SecurityEvent> out, Outputs outputs) {
        List<EventNormalizer.Result> results = normalizer.normalizeAll(raw, System.currentTimeMillis(), vendors);
        int events = 0;
        List<String> bad = new ArrayList<>(0);
        for (EventNormalizer.Result result : results) {
            if (result.event != null) {
                events++;
                count("events", raw.orgId, result.vendor, "ok");
                out.collect(result.event);
            } else {
                DeadLetter dl = result.deadLetter;
                count("deadLetters", raw.orgId, result.vendor, dl.reason);
                if (FeedHealthMonitor.countsAgainstHealth(dl.reason)) {
                    bad.add(dl.reason);
                }
                outputs.output(Tags.DEAD_LETTERS, dl);
            }
        }
        String vendor = results.isEmpty() ? raw.vendor : results.get(0).vendor;
        outputs.output(Tags.FEED_SAMPLES, FeedSample.of(raw.orgId, String.valueOf(vendor), events,
                bad.toArray(new String[0])));
        for (EventNormalizer.Result result : results) {
            if (result.failedParser != null) {
                outputs.output(Tags.RULE_STATUS, disable(result.failedParser, result.deadLetter.time));
                break; // one status per record, though each of its events failed the same way
            }
        }
    }

    /**
     * A configuration that threw by its own fault stops being used on this task until a newer version
     * arrives (each task that meets the failure says so); the org's other feeds and every other org go on.
     */
    private RuleStatus disable(ParserFailure failure, long now) {
        String key = failure.orgId() + "/" + failure.parser();
        disabledParsers.put(key, failure.version());
        compiledParsers.remove(key);
        registries.remove(failure.orgId());
        return RuleStatus.of(failure.orgId(), failure.parser(), failure.version(), RuleStatus.DISABLED, 0,
                List.of("disabled at run time: " + failure.getMessage()), EventNormalizer.STAGE, now);
    }

    /** Side outputs of either context (element or broadcast). */
    private interface Outputs {
        <X> void output(OutputTag<X> tag, X value);
    }

    /** Counters per org, vendor and reason: a feed's events and dead letters are visible per customer. */
    private void count(String name, String org, String vendor, String reason) {
        String v = String.valueOf(vendor);
        String o = String.valueOf(org);
        counters.computeIfAbsent(name + '/' + o + '/' + v + '/' + reason, k -> metrics.addGroup("org", o)
                .addGroup("vendor", v).addGroup("reason", reason).counter(name)).inc();
    }
}
