package io.securitycoach.jobs;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.control.ControlIntake;
import io.securitycoach.control.ControlRoutes;
import io.securitycoach.control.ControlStage;
import io.securitycoach.detect.RuleDetector;
import io.securitycoach.directory.DirectoryChanges;
import io.securitycoach.directory.Enricher;
import io.securitycoach.directory.IdentityResolver;
import io.securitycoach.directory.ParseUserRecords;
import io.securitycoach.integrations.IntegrationPoller;
import io.securitycoach.integrations.IntegrationPollerOperator;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.S3FileSystems;
import io.securitycoach.normalize.FeedHealthMonitor;
import io.securitycoach.normalize.FeedSampleCombiner;
import io.securitycoach.normalize.IngestQuota;
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.notify.FailedDeliveries;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.notify.Notifier;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.notify.ParkedNotifications;
import io.securitycoach.notify.StatusWebhook;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.FeedSample;
import io.securitycoach.records.Notification;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.UserRecord;
import io.securitycoach.records.serial.RawEventTypeInfo;
import io.securitycoach.records.serial.SecurityEventTypeInfo;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.DrainingKeyedProcessOperator;
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The one job: normalize -> resolve identity -> enrich -> detect -> notify, every stage into the
 * audit trail. Sources and sinks are parameters, so the embedded run, a cluster and the tests wire
 * the same graph. Every operator has a stable uid (savepoint compatibility) and a readable name.
 */
public final class CoachJob {
    public static final String NAME = "security-coach";

    private CoachJob() {}

    /** Adds the pipeline to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            JobSources sources,
            JobSinks sinks,
            JobSettings settings) {
        configure(env, settings);
        // --- normalize (orgs' own parsing configurations come on the control stream)
        SingleOutputStreamOperator<ControlMessage> control =
                checkControl(sources.control(env), settings);
        // --- integrations: the orgs' vendor APIs, polled here, enter as any vendor record does
        SingleOutputStreamOperator<RawEvent> fetched =
                pollIntegrations(routed(control, ControlStage.INTEGRATIONS), settings);
        DataStream<RawEvent> vendorRecords = compactTyped(sources.events(env));
        SingleOutputStreamOperator<RawEvent> admitted =
                ingestQuota(vendorRecords.union(fetched), settings);
        SingleOutputStreamOperator<SecurityEvent> normalized =
                normalize(admitted, routed(control, ControlStage.NORMALIZE));
        DataStream<SecurityEvent> timed = withEventTime(normalized, settings);
        // --- directory, resolve identity, enrich
        SingleOutputStreamOperator<UserRecord> users = parseUsers(sources.users(env));
        DataStream<SecurityEvent> enriched = resolveAndEnrich(timed, users, settings);
        // --- detect
        SingleOutputStreamOperator<Detection> detections =
                detect(enriched, routed(control, ControlStage.DETECT), settings);
        // --- notify
        SingleOutputStreamOperator<Notification> planned =
                planNotifications(detections, routed(control, ControlStage.NOTIFY), settings);
        SingleOutputStreamOperator<DeliveryStatus> delivered = deliver(planned, settings);
        SingleOutputStreamOperator<DeliveryStatus> retried = deliverParked(delivered, settings);
        DataStream<DeliveryStatus> deliveries =
                withStatusWebhook(
                        delivered.union(retried, planned.getSideOutput(Tags.SKIPPED_DELIVERIES)),
                        settings.notifier);
        // --- audit: every stage
        DataStream<DeadLetter> deadLetters =
                sideOutputs(
                        Tags.DEAD_LETTERS,
                        normalized,
                        users,
                        detections,
                        delivered,
                        retried,
                        admitted);
        DataStream<ControlStatus> ruleStatus =
                ruleStatus(control, normalized, detections, planned, settings)
                        .union(sideOutputs(Tags.RULE_STATUS, admitted, fetched));
        sinks.attach(
                busyAudit(sinks, vendorRecords, fetched, enriched, settings.auditSinksChained)
                        .union(audit(detections, deliveries, deadLetters, ruleStatus)));
        sinks.detections(detections);
        sinks.deliveries(deliveries);
        sinks.ruleStatus(ruleStatus);
    }

    private static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        CheckpointModes.requireExactlyOnce(env.getCheckpointConfig());
        env.setBufferTimeout(settings.networkBufferTimeout.toMillis());
        // Chained operators hand records on without a deep copy: no function here keeps or changes
        // a record after emitting it (what object reuse requires); records crossing a shuffle are
        // deserialized afresh either way.
        env.getConfig().enableObjectReuse();
        Configuration globals = new Configuration();
        globals.setString(JobMetrics.ORG_DIMENSION_PARAMETER, settings.metricsOrgDimension);
        env.getConfig().setGlobalJobParameters(globals);
    }

    /**
     * One task checks every control message (org named and valid, payload for that org only, the
     * caps on orgs and on each org's rate), in order, and routes it to the stages that own or read
     * its type (a side output each); it answers what it does not pass itself.
     */
    private static SingleOutputStreamOperator<ControlMessage> checkControl(
            DataStream<ControlMessage> control, JobSettings settings) {
        return control.process(new ControlIntake(settings.controlQuota))
                .setParallelism(1)
                .uid(JobUids.CONTROL_INTAKE)
                .name("Check control messages");
    }

    /**
     * The sources' vendor records, which must be of the compact type: the union with the fetched
     * records needs one type, and it is the one the shuffle to the fair share writes.
     */
    private static DataStream<RawEvent> compactTyped(DataStream<RawEvent> records) {
        if (!RawEventTypeInfo.INSTANCE.equals(records.getType())) {
            throw new IllegalArgumentException(
                    "the vendor records' stream is of type "
                            + records.getType()
                            + ": sources must produce RawEventTypeInfo.INSTANCE (getProducedType,"
                            + " or returns(...) after a map)");
        }
        return records;
    }

    /**
     * Each org's fair share of ingestion (records per second, burst): an org over it is deferred in
     * keyed state, so its backlog does not sit in the queues other orgs' events pass through.
     * Normalization then spreads again over every task.
     */
    private static SingleOutputStreamOperator<RawEvent> ingestQuota(
            DataStream<RawEvent> raw, JobSettings settings) {
        return raw.keyBy(r -> r.orgId == null ? "" : r.orgId, Types.STRING)
                .transform(
                        "Ingest fair share (per org)",
                        RawEventTypeInfo.INSTANCE,
                        new DrainingKeyedProcessOperator<>(
                                new IngestQuota(
                                        settings.ingestRate,
                                        settings.ingestBurst,
                                        settings.ingestMaxDeferred)))
                .uid(JobUids.INGEST_QUOTA)
                .name("Ingest fair share (per org)");
    }

    /**
     * Each org's integrations, keyed by org and vendor: definition and cursor in keyed state, the
     * fetch in a processing-time timer's callback (docs/architecture.md, "Integrations").
     */
    private static SingleOutputStreamOperator<RawEvent> pollIntegrations(
            DataStream<ControlMessage> control, JobSettings settings) {
        return control.keyBy(m -> m.orgId + "/" + m.ruleId, Types.STRING)
                .transform(
                        "Poll vendor APIs",
                        RawEventTypeInfo.INSTANCE,
                        new IntegrationPollerOperator(
                                new IntegrationPoller(settings.integrations, settings.notifier)))
                .uid(JobUids.INTEGRATION_POLLER);
    }

    /** Vendor events to the common schema, with the orgs' parsing configurations broadcast. */
    private static SingleOutputStreamOperator<SecurityEvent> normalize(
            DataStream<RawEvent> raw, DataStream<ControlMessage> control) {
        return raw.connect(
                        control.broadcast(
                                NormalizeFunction.PARSERS,
                                NormalizeFunction.PARSERS_READY,
                                NormalizeFunction.ORG_FEEDS))
                .process(new NormalizeFunction())
                .returns(SecurityEventTypeInfo.INSTANCE)
                .uid(JobUids.NORMALIZE)
                .name("Normalize vendor events");
    }

    private static SingleOutputStreamOperator<UserRecord> parseUsers(
            DataStream<String> directoryRecords) {
        return directoryRecords
                .process(new ParseUserRecords("directory"))
                .uid(JobUids.PARSE_USERS)
                .name("Parse directory records");
    }

    /** Customer rules over the enriched events: same (org, user) key, so no second shuffle. */
    private static SingleOutputStreamOperator<Detection> detect(
            DataStream<SecurityEvent> enriched,
            DataStream<ControlMessage> control,
            JobSettings settings) {
        return DataStreamUtils.reinterpretAsKeyedStream(enriched, Keys::user, Types.STRING)
                .connect(control.broadcast(RuleDetector.RULES, RuleDetector.CONTROL))
                .process(
                        new RuleDetector(
                                settings.outOfOrderness.toMillis(), settings.maxRulesPerOrg))
                .uid(JobUids.DETECT)
                .name("Detect with customer rules");
    }

    /**
     * Org settings come on the control stream (and, after a restore of a layout before 3, from the
     * detect stage, which held them then).
     */
    private static SingleOutputStreamOperator<Notification> planNotifications(
            SingleOutputStreamOperator<Detection> detections,
            DataStream<ControlMessage> control,
            JobSettings settings) {
        DataStream<ControlMessage> orgSettings =
                control.union(detections.getSideOutput(Tags.ORG_SETTINGS_HANDOVER));
        return DataStreamUtils.reinterpretAsKeyedStream(detections, Keys::user, Types.STRING)
                .connect(orgSettings.broadcast(NotificationPlanner.ORG_SETTINGS))
                .process(new NotificationPlanner(settings.notifier))
                .uid(JobUids.PLAN)
                .name("Plan notifications");
    }

    /** The control messages the intake routed to {@code stage}. */
    private static DataStream<ControlMessage> routed(
            SingleOutputStreamOperator<ControlMessage> control, ControlStage stage) {
        return control.getSideOutput(ControlRoutes.to(stage));
    }

    /** One stream of a side output of several operators (dead letters, statuses). */
    private static <T> DataStream<T> sideOutputs(
            OutputTag<T> tag, SingleOutputStreamOperator<?>... from) {
        DataStream<T> all = from[0].getSideOutput(tag);
        for (int i = 1; i < from.length; i++) {
            all = all.union(from[i].getSideOutput(tag));
        }
        return all;
    }

    /** Event time from the vendor timestamps, with bounded out-of-orderness and idle sources. */
    private static DataStream<SecurityEvent> withEventTime(
            DataStream<SecurityEvent> normalized, JobSettings settings) {
        return normalized
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<SecurityEvent>forBoundedOutOfOrderness(
                                        settings.outOfOrderness)
                                .withTimestampAssigner((e, previous) -> e.eventTime)
                                .withIdleness(settings.sourceIdleness))
                .uid(JobUids.EVENT_TIME)
                .name("Event time from vendor timestamps");
    }

    /**
     * Async delivery of each planned notification, then the outcomes (failed ones also as dead
     * letters).
     */
    private static SingleOutputStreamOperator<DeliveryStatus> deliver(
            DataStream<Notification> planned, JobSettings settings) {
        NotifierSettings notifier = settings.notifier;
        DataStream<DeliveryStatus> attempted =
                AsyncDataStream.unorderedWait(
                                planned,
                                new Notifier(notifier),
                                settings.notifyTimeout().toMillis(),
                                TimeUnit.MILLISECONDS,
                                notifier.capacity)
                        .uid(JobUids.NOTIFY)
                        .name("Notify (async HTTP)");
        return attempted
                .process(new FailedDeliveries())
                .uid(JobUids.DELIVERY_OUTCOMES)
                .name("Delivery outcomes");
    }

    /**
     * Fair shares: what the first lane parked waits per destination in keyed state, then the retry
     * lane (slots of its own) tries it with the attempts left; the same outcomes follow.
     */
    private static SingleOutputStreamOperator<DeliveryStatus> deliverParked(
            SingleOutputStreamOperator<DeliveryStatus> delivered, JobSettings settings) {
        NotifierSettings notifier = settings.notifier;
        SingleOutputStreamOperator<Notification> released =
                delivered
                        .getSideOutput(FailedDeliveries.PARKED)
                        .keyBy(Keys::destination, Types.STRING)
                        .transform(
                                "Parked notifications (per destination)",
                                TypeInformation.of(Notification.class),
                                new DrainingKeyedProcessOperator<>(
                                        new ParkedNotifications(
                                                notifier.parkedPerDestination,
                                                notifier.parkedReleasePerSecond)))
                        .uid(JobUids.PARKED_NOTIFICATIONS)
                        .name("Parked notifications (per destination)");
        DataStream<DeliveryStatus> attempted =
                AsyncDataStream.unorderedWait(
                                released,
                                new Notifier(notifier, false),
                                settings.notifyTimeout().toMillis(),
                                TimeUnit.MILLISECONDS,
                                notifier.capacity)
                        .uid(JobUids.NOTIFY_RETRY)
                        .name("Notify parked (async HTTP, retry lane)");
        return attempted
                .union(released.getSideOutput(ParkedNotifications.OVERFLOW))
                .process(new FailedDeliveries())
                .uid(JobUids.RETRY_DELIVERY_OUTCOMES)
                .name("Delivery outcomes (retry lane)");
    }

    /**
     * With a status webhook configured, each delivery status is also posted there before the audit.
     */
    private static DataStream<DeliveryStatus> withStatusWebhook(
            DataStream<DeliveryStatus> deliveries, NotifierSettings notifier) {
        if (notifier.statusWebhookRef == null) {
            return deliveries;
        }
        return AsyncDataStream.unorderedWait(
                        deliveries,
                        new StatusWebhook(notifier),
                        notifier.requestTimeoutMillis * 4 + notifier.maxBackoffMillis * 2,
                        TimeUnit.MILLISECONDS,
                        notifier.capacity)
                .uid(JobUids.STATUS_WEBHOOK)
                .name("Status webhook (async HTTP)");
    }

    /**
     * Rules answered by detection, parsing configurations by normalization, org settings by the
     * planner, feeds by their health monitor, and what no stage gets by the control intake.
     */
    private static DataStream<ControlStatus> ruleStatus(
            SingleOutputStreamOperator<ControlMessage> control,
            SingleOutputStreamOperator<SecurityEvent> normalized,
            SingleOutputStreamOperator<Detection> detections,
            SingleOutputStreamOperator<Notification> planned,
            JobSettings settings) {
        DataStream<ControlStatus> feedHealth =
                normalized
                        .getSideOutput(Tags.FEED_SAMPLES)
                        .transform(
                                "Combine feed samples",
                                TypeInformation.of(FeedSample.class),
                                new FeedSampleCombiner(FeedSampleCombiner.INTERVAL_MILLIS))
                        .uid(JobUids.COMBINE_FEED_SAMPLES)
                        .name("Combine feed samples")
                        .keyBy(FeedSample::feedKey)
                        .process(
                                new FeedHealthMonitor(
                                        settings.feedHealthWindow.toMillis(),
                                        settings.feedHealthPercent,
                                        settings.feedSilentAfter.toMillis()))
                        .uid(JobUids.FEED_HEALTH)
                        .name("Feed health per org and vendor");
        return detections
                .getSideOutput(Tags.RULE_STATUS)
                .union(
                        normalized.getSideOutput(Tags.RULE_STATUS),
                        planned.getSideOutput(Tags.RULE_STATUS),
                        control.getSideOutput(Tags.RULE_STATUS),
                        feedHealth);
    }

    /**
     * The audit lines of every vendor record and every enriched event, each map chained to the
     * stage that makes its records. When the sinks give these stages sinks of their own, those are
     * chained too and the lines never cross the network; what comes back (raw records fetched from
     * vendor APIs, and the lines themselves otherwise) joins the shared audit stream. Not {@code
     * chained}: each stage's own sink is a task of its own, fed one to one (rescale at equal
     * parallelism), so its file work at checkpoints stays off the stage's thread.
     */
    private static DataStream<AuditRecord> busyAudit(
            JobSinks sinks,
            DataStream<RawEvent> vendorRecords,
            DataStream<RawEvent> fetched,
            DataStream<SecurityEvent> enriched,
            boolean chained) {
        DataStream<AuditRecord> raw =
                vendorRecords
                        .map(AuditStage.raw())
                        .setParallelism(vendorRecords.getParallelism())
                        .uid(JobUids.AUDIT_RAW)
                        .name("Audit: raw");
        DataStream<AuditRecord> events =
                enriched.map(AuditStage.events()).uid(JobUids.AUDIT_EVENTS).name("Audit: events");
        DataStream<AuditRecord> fetchedRaw =
                fetched.map(AuditStage.raw())
                        .uid(JobUids.AUDIT_RAW_FETCHED)
                        .name("Audit: raw (vendor APIs)");
        if (!sinks.auditPerStage()) {
            return fetchedRaw.union(raw, events);
        }
        sinks.attachStage(AuditStage.RAW, chained ? raw : raw.rescale());
        sinks.attachStage(AuditStage.EVENTS, chained ? events : events.rescale());
        return fetchedRaw;
    }

    private static DataStream<AuditRecord> audit(
            DataStream<Detection> detections,
            DataStream<DeliveryStatus> deliveries,
            DataStream<DeadLetter> deadLetters,
            DataStream<ControlStatus> ruleStatus) {
        return detections
                .map(AuditStage.detections())
                .uid(JobUids.AUDIT_DETECTIONS)
                .name("Audit: detections")
                .union(
                        deliveries
                                .map(AuditStage.deliveries())
                                .uid(JobUids.AUDIT_DELIVERIES)
                                .name("Audit: deliveries"),
                        deadLetters
                                .map(AuditStage.deadLetters())
                                .uid(JobUids.AUDIT_DEAD_LETTERS)
                                .name("Audit: dead letters"),
                        ruleStatus
                                .map(AuditStage.ruleStatus())
                                .uid(JobUids.AUDIT_RULE_STATUS)
                                .name("Audit: rule status"));
    }

    /**
     * The directory part of the graph: order each user's change log (keyed by user), resolve event
     * identities (keyed by identity), add directory attributes (keyed by user). Keyed state only,
     * so it scales with the directory instead of every task holding every user.
     */
    public static DataStream<SecurityEvent> resolveAndEnrich(
            DataStream<SecurityEvent> events, DataStream<UserRecord> users, JobSettings settings) {
        SingleOutputStreamOperator<UserRecord> accepted =
                users.keyBy(Keys::user, Types.STRING)
                        .process(new DirectoryChanges(settings.tombstoneRetention.toMillis()))
                        .uid(JobUids.DIRECTORY)
                        .name("Order directory changes");
        DataStream<DirectoryUpdate> identities = accepted.getSideOutput(Tags.IDENTITY_CHANGES);

        SingleOutputStreamOperator<SecurityEvent> resolved =
                events.keyBy(Keys::identity, Types.STRING)
                        .connect(identities.keyBy(Keys::identity, Types.STRING))
                        .process(new IdentityResolver(settings.identityGrace.toMillis()))
                        .returns(SecurityEventTypeInfo.INSTANCE)
                        .uid(JobUids.RESOLVE)
                        .name("Resolve identity");

        return resolved.keyBy(Keys::user, Types.STRING)
                .connect(accepted.keyBy(Keys::user, Types.STRING))
                .process(new Enricher(settings.identityGrace.toMillis()))
                .returns(SecurityEventTypeInfo.INSTANCE)
                .uid(JobUids.ENRICH)
                .name("Enrich with directory attributes");
    }

    /**
     * Entry point of the job jar (a cluster, Managed Flink, local-cluster/): {@code [--config FILE]
     * [--Group.key value]...}; without {@code --config}, Managed Flink's runtime property groups.
     * See docs/configuration.md. State is in RocksDB with incremental checkpoints unless {@code
     * Job.state.backend=hashmap}: the directory is keyed state that grows with the customers' user
     * count.
     */
    public static void main(String[] args) throws Exception {
        CoachConfig config = ConfigLoader.load(args);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        if (env instanceof LocalStreamEnvironment) {
            S3FileSystems.initializeForEmbeddedRun(config); // a cluster configures S3 itself
        }
        JobSettings settings = ConfiguredSettings.from(config);
        env.enableCheckpointing(settings.checkpointInterval.toMillis());
        build(env, new ConfiguredSources(config), new ConfiguredSinks(config), settings);
        env.execute(NAME);
    }

    /**
     * The Flink settings the job decides itself: state backend and no generic (Kryo) types. With
     * RocksDB, bloom filters: the resolver and the enricher read one user's entry per event, most
     * of them absent from most of the SST files a read would otherwise search (each checkpoint
     * flushes a new one); measured on the standard workload, RocksDB's CPU 22.7 to 13.6 seconds
     * (docs/benchmarks.md). They apply to files written from then on, so a restored job mixes both.
     */
    public static Configuration flinkConfiguration(CoachConfig config) {
        Configuration conf = new Configuration();
        boolean rocksdb = "rocksdb".equals(config.require(JobOptions.STATE_BACKEND));
        conf.set(StateBackendOptions.STATE_BACKEND, rocksdb ? "rocksdb" : "hashmap");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, rocksdb);
        if (rocksdb) {
            conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        }
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }
}
