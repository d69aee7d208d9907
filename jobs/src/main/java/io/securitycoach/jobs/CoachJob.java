package io.securitycoach.jobs;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.control.ControlIntake;
import io.securitycoach.control.ControlStatus;
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
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.notify.FailedDeliveries;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.notify.Notifier;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.notify.StatusWebhook;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.records.FeedSample;
import io.securitycoach.records.Notification;
import io.securitycoach.records.RawEvent;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserRecord;
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
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
        DataStream<ControlMessage> checked = checkControl(sources.control(env));
        // --- integrations: the orgs' vendor APIs, polled here, enter as any vendor record does
        SingleOutputStreamOperator<RawEvent> fetched = pollIntegrations(checked, settings);
        DataStream<RawEvent> raw = sources.events(env).union(fetched);
        DataStream<ControlMessage> control = forStages(checked);
        SingleOutputStreamOperator<SecurityEvent> normalized = normalize(raw, control);
        DataStream<SecurityEvent> timed = withEventTime(normalized, settings);

        // --- directory, resolve identity, enrich
        SingleOutputStreamOperator<UserRecord> users = parseUsers(sources.users(env));
        DataStream<SecurityEvent> enriched = resolveAndEnrich(timed, users, settings);

        // --- detect
        SingleOutputStreamOperator<Detection> detections = detect(enriched, control, settings);

        // --- notify
        SingleOutputStreamOperator<Notification> planned =
                planNotifications(detections, control, settings);
        SingleOutputStreamOperator<DeliveryStatus> delivered = deliver(planned, settings);
        DataStream<DeliveryStatus> deliveries =
                withStatusWebhook(
                        delivered.union(planned.getSideOutput(Tags.SKIPPED_DELIVERIES)),
                        settings.notifier);

        // --- audit: every stage
        DataStream<DeadLetter> deadLetters = deadLetters(normalized, users, detections, delivered);
        DataStream<ControlStatus> ruleStatus =
                ruleStatus(normalized, detections, planned, settings)
                        .union(fetched.getSideOutput(Tags.RULE_STATUS));
        sinks.attach(audit(raw, enriched, detections, deliveries, deadLetters, ruleStatus));
        sinks.detections(detections);
        sinks.deliveries(deliveries);
        sinks.ruleStatus(ruleStatus);
    }

    private static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        env.setBufferTimeout(settings.networkBufferTimeout.toMillis());
        // Chained operators hand records on without a deep copy: no function here keeps or changes
        // a record after emitting it (what object reuse requires); records crossing a shuffle are
        // deserialized afresh either way.
        env.getConfig().enableObjectReuse();
    }

    /**
     * One task checks every control message (org named and valid, payload for that org only), in
     * order.
     */
    private static DataStream<ControlMessage> checkControl(DataStream<ControlMessage> control) {
        return control.map(new ControlIntake())
                .setParallelism(1)
                .uid("control-intake")
                .name("Check control messages");
    }

    /**
     * Each org's integrations, keyed by org and vendor: definition and cursor in keyed state, the
     * fetch in a processing-time timer's callback (docs/architecture.md, "Integrations").
     */
    private static SingleOutputStreamOperator<RawEvent> pollIntegrations(
            DataStream<ControlMessage> control, JobSettings settings) {
        return control.filter(m -> ControlMessage.isIntegration(m.type))
                .setParallelism(1) // chained to the intake: the messages keep their order
                .uid("integration-control")
                .name("Integration messages")
                .keyBy(m -> m.orgId + "/" + m.ruleId, Types.STRING)
                .transform(
                        "Poll vendor APIs",
                        TypeInformation.of(RawEvent.class),
                        new IntegrationPollerOperator(
                                new IntegrationPoller(settings.integrations, settings.notifier)))
                .uid("integration-poller");
    }

    /** Every control message but the integrations' (the poller alone answers those). */
    private static DataStream<ControlMessage> forStages(DataStream<ControlMessage> control) {
        return control.filter(m -> !ControlMessage.isIntegration(m.type))
                .setParallelism(1) // chained to the intake: the stages see the messages in order
                .uid("control-for-stages")
                .name("Control for the stages");
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
                .uid("normalize")
                .name("Normalize vendor events");
    }

    private static SingleOutputStreamOperator<UserRecord> parseUsers(
            DataStream<String> directoryRecords) {
        return directoryRecords
                .process(new ParseUserRecords("directory"))
                .uid("parse-users")
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
                .uid("detect")
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
                .uid("plan-notifications")
                .name("Plan notifications");
    }

    /** What the stages could not parse, resolve, evaluate or deliver. */
    private static DataStream<DeadLetter> deadLetters(
            SingleOutputStreamOperator<SecurityEvent> normalized,
            SingleOutputStreamOperator<UserRecord> users,
            SingleOutputStreamOperator<Detection> detections,
            SingleOutputStreamOperator<DeliveryStatus> delivered) {
        return normalized
                .getSideOutput(Tags.DEAD_LETTERS)
                .union(
                        users.getSideOutput(Tags.DEAD_LETTERS),
                        detections.getSideOutput(Tags.DEAD_LETTERS),
                        delivered.getSideOutput(Tags.DEAD_LETTERS));
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
                .uid("event-time")
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
                        .uid("notify")
                        .name("Notify (async HTTP)");
        return attempted
                .process(new FailedDeliveries())
                .uid("delivery-outcomes")
                .name("Delivery outcomes");
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
                .uid("status-webhook")
                .name("Status webhook (async HTTP)");
    }

    /**
     * Rules answered by detection, parsing configurations by normalization, org settings by the
     * planner, feeds by their health monitor.
     */
    private static DataStream<ControlStatus> ruleStatus(
            SingleOutputStreamOperator<SecurityEvent> normalized,
            SingleOutputStreamOperator<Detection> detections,
            SingleOutputStreamOperator<Notification> planned,
            JobSettings settings) {
        DataStream<ControlStatus> feedHealth =
                normalized
                        .getSideOutput(Tags.FEED_SAMPLES)
                        .keyBy(FeedSample::feedKey)
                        .process(
                                new FeedHealthMonitor(
                                        settings.feedHealthWindow.toMillis(),
                                        settings.feedHealthPercent))
                        .uid("feed-health")
                        .name("Feed health per org and vendor");
        return detections
                .getSideOutput(Tags.RULE_STATUS)
                .union(
                        normalized.getSideOutput(Tags.RULE_STATUS),
                        planned.getSideOutput(Tags.RULE_STATUS),
                        feedHealth);
    }

    private static DataStream<AuditRecord> audit(
            DataStream<RawEvent> raw,
            DataStream<SecurityEvent> enriched,
            DataStream<Detection> detections,
            DataStream<DeliveryStatus> deliveries,
            DataStream<DeadLetter> deadLetters,
            DataStream<ControlStatus> ruleStatus) {
        return raw.map(AuditStage.raw())
                .uid("audit-raw")
                .name("Audit: raw")
                .union(
                        enriched.map(AuditStage.events()).uid("audit-events").name("Audit: events"),
                        detections
                                .map(AuditStage.detections())
                                .uid("audit-detections")
                                .name("Audit: detections"),
                        deliveries
                                .map(AuditStage.deliveries())
                                .uid("audit-deliveries")
                                .name("Audit: deliveries"),
                        deadLetters
                                .map(AuditStage.deadLetters())
                                .uid("audit-dead-letters")
                                .name("Audit: dead letters"),
                        ruleStatus
                                .map(AuditStage.ruleStatus())
                                .uid("audit-rule-status")
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
                        .uid("directory-changes")
                        .name("Order directory changes");
        DataStream<DirectoryUpdate> identities = accepted.getSideOutput(Tags.IDENTITY_CHANGES);

        SingleOutputStreamOperator<SecurityEvent> resolved =
                events.keyBy(Keys::identity, Types.STRING)
                        .connect(identities.keyBy(Keys::identity, Types.STRING))
                        .process(new IdentityResolver(settings.identityGrace.toMillis()))
                        .uid("resolve-identity")
                        .name("Resolve identity");

        return resolved.keyBy(Keys::user, Types.STRING)
                .connect(accepted.keyBy(Keys::user, Types.STRING))
                .process(new Enricher(settings.identityGrace.toMillis()))
                .uid("enrich")
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

    /** The Flink settings the job decides itself: state backend and no generic (Kryo) types. */
    public static Configuration flinkConfiguration(CoachConfig config) {
        Configuration conf = new Configuration();
        boolean rocksdb = "rocksdb".equals(config.string(CoachConfig.STATE_BACKEND));
        conf.set(StateBackendOptions.STATE_BACKEND, rocksdb ? "rocksdb" : "hashmap");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, rocksdb);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }
}
