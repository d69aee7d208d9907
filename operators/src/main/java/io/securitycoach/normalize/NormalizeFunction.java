package io.securitycoach.normalize;

import io.securitycoach.control.BroadcastFlag;
import io.securitycoach.control.BroadcastStore;
import io.securitycoach.control.ControlAnswers;
import io.securitycoach.control.ControlLimits;
import io.securitycoach.control.ControlRequests;
import io.securitycoach.control.ControlType;
import io.securitycoach.control.OrgSettingsControl;
import io.securitycoach.control.SnapshotWait;
import io.securitycoach.control.VersionedRegistry;
import io.securitycoach.control.WaitingRoom;
import io.securitycoach.normalize.parsers.CompiledParser;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.normalize.parsers.ParserConfigException;
import io.securitycoach.normalize.parsers.ParserFailure;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlRequest;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.FeedSample;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.LabelledCounters;
import io.securitycoach.util.ShareGauges;
import io.securitycoach.util.SideOutputs;
import io.securitycoach.util.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjIntConsumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The normalize stage: vendor records in, common events out, dead letters to a side output, counted
 * per vendor and reason. Orgs' own parsing configurations arrive on the control stream ({@code
 * parser_upsert} / {@code parser_delete}) and live in broadcast state as their text, versioned like
 * rules; each task compiles a configuration once and keeps the org's vendor registry until it
 * changes. Until the control stream's initial snapshot is complete, records naming a vendor nobody
 * knows yet, or {@code auto}, wait (bounded) instead of becoming dead letters for a parser that is
 * about to arrive.
 */
public class NormalizeFunction
        extends BroadcastProcessFunction<RawEvent, ControlMessage, SecurityEvent>
        implements CheckpointedFunction {
    private static final String[] FEED_LABELS = {"org", "vendor", "reason"};

    /** org + "/" + parser name -> the accepted parser_upsert message. */
    public static final MapStateDescriptor<String, ControlMessage> PARSERS =
            new MapStateDescriptor<>(
                    "parsers", Types.STRING, TypeInformation.of(ControlMessage.class));

    /** "ready" once the control stream's initial snapshot is complete. */
    public static final MapStateDescriptor<String, Boolean> PARSERS_READY =
            new MapStateDescriptor<>("parsers-ready", Types.STRING, Types.BOOLEAN);

    /**
     * org -> its accepted settings (verified domains, feed time zones), applied like the detect
     * stage does.
     */
    public static final MapStateDescriptor<String, OrgSettings> ORG_FEEDS =
            new MapStateDescriptor<>(
                    "org-feed-settings", Types.STRING, TypeInformation.of(OrgSettings.class));

    static final int MAX_WAITING = 10_000;

    /** Every task holds every org's configurations: one org cannot fill that state. */
    private static final VersionedRegistry<ControlMessage> REGISTRY =
            new VersionedRegistry<>(
                    "parsing configurations",
                    ControlLimits.MAX_PARSERS_PER_ORG,
                    stored -> stored.version);

    private transient EventNormalizer normalizer;
    private transient VendorRegistry builtIn;
    private transient Map<String, VendorRegistry> registries;

    /**
     * Parsers this task compiled, by state key: an accepted configuration is not compiled again for
     * its registry.
     */
    private transient Map<String, CompiledParser> compiledParsers;

    /**
     * Configurations this task disabled after they failed at run time: key -> the version that
     * failed.
     */
    private transient Map<String, Long> disabledParsers;

    private transient LabelledCounters eventCounters;
    private transient LabelledCounters deadLetterCounters;
    private transient ShareGauges deadLetterShares;
    private transient ControlAnswers answers;
    private transient ListState<RawEvent> waitingState;
    private transient WaitingRoom<RawEvent> waiting;
    private transient SnapshotWait snapshot;

    @Override
    public void open(OpenContext openContext) {
        normalizer = new EventNormalizer();
        builtIn = VendorRegistry.builtIn();
        registries = new HashMap<>();
        compiledParsers = new HashMap<>();
        disabledParsers = new HashMap<>();
        eventCounters = JobMetrics.labelled(getRuntimeContext(), "events", FEED_LABELS);
        deadLetterCounters = JobMetrics.labelled(getRuntimeContext(), "deadLetters", FEED_LABELS);
        deadLetterShares =
                new ShareGauges(
                        JobMetrics.exported(getRuntimeContext()),
                        "deadLetterPercent",
                        "vendor",
                        System::currentTimeMillis);
        answers = new ControlAnswers(getRuntimeContext());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        waitingState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting-for-parsers", TypeInformation.of(RawEvent.class)));
        waiting = new WaitingRoom<>(MAX_WAITING);
        for (RawEvent e : waitingState.get()) {
            waiting.offer(e);
        }
        snapshot = SnapshotWait.forSnapshotEnd();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        waitingState.update(waiting.contents());
    }

    @Override
    public void processElement(RawEvent raw, ReadOnlyContext ctx, Collector<SecurityEvent> out)
            throws Exception {
        VendorRegistry vendors =
                registryOf(
                        raw.orgId,
                        ctx.getBroadcastState(PARSERS),
                        ctx.getBroadcastState(ORG_FEEDS));
        // auto waits too: the configuration that recognizes it (a library one the org enables by
        // name, say) may still be on the control stream
        boolean mayNeedAParser =
                raw.vendor != null
                        && (VendorRegistry.AUTO.equals(raw.vendor) || !vendors.knows(raw.vendor));
        if (mayNeedAParser
                && !snapshot.knownOver()
                && !snapshot.isOver(new BroadcastFlag(ctx.getBroadcastState(PARSERS_READY)))
                && waiting.offer(raw)) {
            return;
        }
        emit(raw, vendors, out, ctx::output);
    }

    /**
     * The control types routed here ({@link ControlType}): this stage owns parsing configurations,
     * and reads org settings (feed time zones, verified domains) and the end of the snapshot.
     */
    @Override
    public void processBroadcastElement(
            ControlMessage msg, Context ctx, Collector<SecurityEvent> out) throws Exception {
        ControlType type = ControlType.of(msg);
        if (type == ControlType.SNAPSHOT_END) {
            snapshotEnded(msg, ctx, out);
            return;
        }
        ControlRequest request = ControlRequests.of(msg, ctx.currentProcessingTime());
        BroadcastStore<ControlMessage> parsers =
                new BroadcastStore<>(ctx.getBroadcastState(PARSERS));
        if (type == ControlType.PARSER_UPSERT) {
            answers.answer(upsert(msg, request, parsers), ctx::output);
        } else if (type == ControlType.PARSER_DELETE) {
            VersionedRegistry.Outcome<ControlMessage> outcome = REGISTRY.delete(parsers, request);
            if (outcome.applied) {
                registries.remove(msg.orgId);
                compiledParsers.remove(request.key());
            }
            answers.answer(outcome.status, ctx::output);
        } else if (type == ControlType.ORG_SETTINGS
                && OrgSettingsControl.apply(
                                msg,
                                new BroadcastStore<>(ctx.getBroadcastState(ORG_FEEDS)),
                                request.time)
                        .applied) {
            registries.remove(msg.orgId); // the notify stage answers for settings
        }
    }

    /** Records that waited for the snapshot are normalized now. */
    private void snapshotEnded(ControlMessage msg, Context ctx, Collector<SecurityEvent> out)
            throws Exception {
        if (!snapshot.endedBy(msg, new BroadcastFlag(ctx.getBroadcastState(PARSERS_READY)))) {
            return;
        }
        for (RawEvent raw : waiting.release()) {
            emit(
                    raw,
                    registryOf(
                            raw.orgId,
                            ctx.getBroadcastState(PARSERS),
                            ctx.getBroadcastState(ORG_FEEDS)),
                    out,
                    ctx::output);
        }
    }

    private ControlStatus upsert(
            ControlMessage msg, ControlRequest request, BroadcastStore<ControlMessage> parsers)
            throws Exception {
        CompiledParser compiled;
        try {
            compiled =
                    ParserCompiler.compile(msg.payload, msg.source == null ? "parser" : msg.source);
        } catch (ParserConfigException e) {
            return rejected(msg, request, e.messages());
        } catch (RuntimeException e) {
            // a gap in the compiler's checks must cost this configuration, not the job of every org
            return rejected(
                    msg, request, List.of("cannot compile: " + e.getClass().getSimpleName()));
        }
        if (msg.orgId != null && !msg.orgId.equals(compiled.orgId())) {
            return rejected(
                    msg,
                    request,
                    List.of(
                            "org: the configuration names org '"
                                    + compiled.orgId()
                                    + "' but was sent for org '"
                                    + msg.orgId
                                    + "'"));
        }
        ControlMessage stored = ControlMessage.parserUpsert(msg.payload, msg.source);
        stored.orgId = compiled.orgId();
        stored.ruleId = compiled.vendor();
        stored.version = compiled.version();
        ControlRequest subject =
                request.about(compiled.orgId(), compiled.vendor(), compiled.version());
        VersionedRegistry.Outcome<ControlMessage> outcome =
                REGISTRY.upsert(parsers, subject, stored);
        if (outcome.applied) {
            registries.remove(compiled.orgId());
            compiledParsers.put(subject.key(), compiled);
        }
        return outcome.status;
    }

    /**
     * The status of a configuration that was not taken: under the org it was sent for, else the one
     * it names.
     */
    private static ControlStatus rejected(
            ControlMessage msg, ControlRequest request, List<String> errors) {
        String[] orgAndName = ParserCompiler.peekOrgAndName(msg.payload == null ? "" : msg.payload);
        String org = msg.orgId != null ? msg.orgId : orgAndName[0];
        return ControlStatus.rejected(request.about(org, orgAndName[1], 0), 0, errors);
    }

    /**
     * The built-ins (as the org's settings configure them) plus its parsers, compiled once per task
     * and version.
     */
    private VendorRegistry registryOf(
            String org,
            ReadOnlyBroadcastState<String, ControlMessage> parsers,
            ReadOnlyBroadcastState<String, OrgSettings> feeds)
            throws Exception {
        VendorRegistry cached = registries.get(org);
        if (cached != null) {
            return cached;
        }
        List<CompiledParser> own = new ArrayList<>();
        String prefix = org + "/";
        for (Map.Entry<String, ControlMessage> e : parsers.immutableEntries()) {
            Long disabled = disabledParsers.get(e.getKey());
            if (!e.getKey().startsWith(prefix)
                    || (disabled != null && disabled == e.getValue().version)) {
                continue;
            }
            CompiledParser parser = compiledParsers.get(e.getKey());
            if (parser == null || parser.version() != e.getValue().version) {
                try {
                    parser =
                            ParserCompiler.compile(
                                    e.getValue().payload, e.getValue().source); // after a restore
                    compiledParsers.put(e.getKey(), parser);
                } catch (ParserConfigException | RuntimeException accepted) {
                    // accepted when stored; cannot fail now unless the code's limits changed: skip
                    // it
                    continue;
                }
            }
            own.add(parser);
        }
        OrgSettings settings = org == null ? null : feeds.get(org);
        VendorRegistry base =
                settings == null ? builtIn : VendorRegistry.builtIn(FeedSettings.of(settings));
        VendorRegistry registry = own.isEmpty() ? base : base.plus(own);
        registries.put(org, registry);
        return registry;
    }

    private void emit(
            RawEvent raw,
            VendorRegistry vendors,
            Collector<SecurityEvent> out,
            SideOutputs outputs) {
        List<EventNormalizer.Result> results =
                normalizer.normalizeAll(raw, System.currentTimeMillis(), vendors);
        int events = 0;
        int unknownVerdicts = 0;
        List<String> bad = new ArrayList<>(0);
        for (EventNormalizer.Result result : results) {
            if (result.event != null) {
                events++;
                unknownVerdicts += Verdicts.isUnknown(result.event) ? 1 : 0;
                out.collect(result.event);
            } else {
                DeadLetter dl = result.deadLetter;
                countDeadLetter(raw.orgId, result.vendor, dl.reason);
                if (FeedHealthMonitor.countsAgainstHealth(dl.reason)) {
                    bad.add(dl.reason);
                }
                outputs.output(Tags.DEAD_LETTERS, dl);
            }
        }
        countEvents(raw.orgId, results);
        String vendor = results.isEmpty() ? raw.vendor : results.get(0).vendor;
        if (raw.rejectedReason != null) {
            return; // no org's feed: its source could not attribute it (counted above)
        }
        outputs.output(
                Tags.FEED_SAMPLES,
                FeedSample.of(
                        raw.orgId,
                        String.valueOf(vendor),
                        events,
                        unknownVerdicts,
                        bad.toArray(new String[0])));
        for (EventNormalizer.Result result : results) {
            if (result.failedParser != null) {
                outputs.output(
                        Tags.RULE_STATUS, disable(result.failedParser, result.deadLetter.time));
                break; // one status per record, though each of its events failed the same way
            }
        }
    }

    /**
     * A configuration that threw by its own fault stops being used on this task until a newer
     * version arrives (each task that meets the failure says so); the org's other feeds and every
     * other org go on.
     */
    private ControlStatus disable(ParserFailure failure, long now) {
        String key = failure.orgId() + "/" + failure.parser();
        disabledParsers.put(key, failure.version());
        compiledParsers.remove(key);
        registries.remove(failure.orgId());
        return ControlStatus.disabled(
                ControlRequest.parser(
                        failure.orgId(),
                        failure.parser(),
                        failure.version(),
                        EventNormalizer.STAGE,
                        now),
                failure.getMessage());
    }

    /**
     * A record's events, counted at once per run of one vendor (a page's entries may each be
     * another vendor's under auto).
     */
    private void countEvents(String org, List<EventNormalizer.Result> results) {
        eventRuns(results, (vendor, run) -> countEvents(org, vendor, run));
    }

    /** Each run of events of one vendor in a record's results, in order: vendor and length. */
    static void eventRuns(List<EventNormalizer.Result> results, ObjIntConsumer<String> run) {
        String vendor = null;
        int length = 0;
        for (EventNormalizer.Result result : results) {
            if (result.event == null) {
                continue;
            }
            if (length > 0 && !Objects.equals(vendor, result.vendor)) {
                run.accept(vendor, length);
                length = 0;
            }
            vendor = result.vendor;
            length++;
        }
        if (length > 0) {
            run.accept(vendor, length);
        }
    }

    /**
     * A record's events of one vendor, counted at once. Counters per org, vendor and reason: a
     * feed's events and dead letters are visible per customer (with per-org dimensions) and per
     * vendor; and each vendor's recent dead-letter share as one gauge, which an alarm reads.
     */
    private void countEvents(String org, String vendor, int events) {
        eventCounters.inc(events, String.valueOf(org), String.valueOf(vendor), "ok");
        deadLetterShares.add(String.valueOf(vendor), false, events);
    }

    private void countDeadLetter(String org, String vendor, String reason) {
        deadLetterCounters.inc(String.valueOf(org), String.valueOf(vendor), reason);
        if (FeedHealthMonitor.countsAgainstHealth(reason)) {
            deadLetterShares.add(String.valueOf(vendor), true);
        }
    }
}
