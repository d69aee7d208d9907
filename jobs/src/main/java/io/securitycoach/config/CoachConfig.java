package io.securitycoach.config;

import io.securitycoach.coaching.ChannelName;
import io.securitycoach.config.ConfigKey.Type;
import io.securitycoach.control.ControlLimits;
import io.securitycoach.control.ControlQuota;
import io.securitycoach.notify.NotifierDefaults;
import io.securitycoach.rules.Durations;
import io.securitycoach.validation.Problems;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The job's one configuration model: property groups of string keys, as Managed Flink delivers
 * them, read the same way from a local file and command-line overrides ({@link ConfigLoader}).
 * Every key the job knows is declared here once, with type, default and meaning: validation, the
 * configuration reference (docs/configuration.md) and the defaults of JobSettings all come from
 * these declarations (the notifier's defaults are declared in {@link NotifierDefaults}, below this
 * module). Unknown groups and keys are errors, so a typo fails at start instead of silently keeping
 * a default.
 */
public final class CoachConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final List<ConfigKey> KEYS = new ArrayList<>();

    private static ConfigKey key(
            String group, String name, Type type, String defaultValue, String description) {
        ConfigKey k = ConfigKey.of(group, name, type, defaultValue, description);
        KEYS.add(k);
        return k;
    }

    private static ConfigKey choice(
            String group, String name, String defaultValue, String description, String... choices) {
        ConfigKey k = ConfigKey.choice(group, name, defaultValue, description, choices);
        KEYS.add(k);
        return k;
    }

    // --- Job
    public static final ConfigKey STATE_BACKEND =
            choice(
                    "Job",
                    "state.backend",
                    "rocksdb",
                    "Keyed state backend. RocksDB with incremental checkpoints holds directories"
                            + " larger than memory.",
                    "rocksdb",
                    "hashmap");
    public static final ConfigKey CHECKPOINT_INTERVAL =
            key(
                    "Job",
                    "checkpoint.interval",
                    Type.DURATION,
                    "5s",
                    "Checkpoint interval; the audit trail commits on each checkpoint. On Managed"
                            + " Flink the application's CheckpointConfiguration applies instead"
                            + " (deploy/managed-flink/template.yaml: 10 s). Checkpoints are"
                            + " exactly-once, aligned or unaligned (Flink's"
                            + " execution.checkpointing.unaligned.enabled); at-least-once"
                            + " (execution.checkpointing.mode: AT_LEAST_ONCE) would audit replayed"
                            + " records twice and is refused at start.");
    public static final ConfigKey BOUNDED =
            key(
                    "Job",
                    "bounded",
                    Type.BOOLEAN,
                    "false",
                    "Read file and S3 inputs once and finish (backfill, replay); Kinesis inputs are"
                            + " not allowed then.");
    public static final ConfigKey IDENTITY_GRACE =
            key(
                    "Job",
                    "identity.grace",
                    Type.DURATION,
                    "10m",
                    "How long an event waits for the directory to name its user before it goes on"
                            + " unresolved.");
    public static final ConfigKey OUT_OF_ORDERNESS =
            key(
                    "Job",
                    "out-of-orderness",
                    Type.DURATION,
                    "5s",
                    "How far out of order vendor events may arrive (event time).");
    public static final ConfigKey SOURCE_IDLENESS =
            key(
                    "Job",
                    "source.idleness",
                    Type.DURATION,
                    "30s",
                    "A source partition quiet for this long stops holding back event time.");
    public static final ConfigKey TOMBSTONE_RETENTION =
            key(
                    "Job",
                    "tombstone.retention",
                    Type.DURATION,
                    "7d",
                    "How long a deleted user's tombstone rejects older, late upserts.");
    public static final ConfigKey MAX_RULES_PER_ORG =
            key(
                    "Job",
                    "max-rules-per-org",
                    Type.INT,
                    String.valueOf(ControlLimits.MAX_RULES_PER_ORG),
                    "Customer rules are untrusted input: an org may have at most this many.");
    public static final ConfigKey FEED_HEALTH_PERCENT =
            key(
                    "Job",
                    "feed-health.dead-letter-percent",
                    Type.INT,
                    "5",
                    "A feed (org and vendor) whose dead letters exceed this percentage of its"
                        + " records over the window gets a feed_health status on the rule-status"
                        + " stream, and another when it recovers; the same threshold applies to the"
                        + " share of its events with an unknown verdict (`unknown_verdicts` status,"
                        + " `unknown_verdict_percent`).");
    public static final ConfigKey FEED_HEALTH_WINDOW =
            key(
                    "Job",
                    "feed-health.window",
                    Type.DURATION,
                    "1h",
                    "The wall-clock window over which a feed's dead-letter share is measured.");
    public static final ConfigKey FEED_SILENT_AFTER =
            key(
                    "Job",
                    "feed-health.silent-after",
                    Type.DURATION,
                    "6h",
                    "A feed (org and vendor) that sent records and then sends nothing for this long"
                            + " gets a feed_health status `silent` (an expired token or a deleted"
                            + " export), and another when records arrive again; 0 turns it off.");
    public static final ConfigKey METRICS_ORG_DIMENSION =
            choice(
                    "Job",
                    "metrics.org-dimension",
                    "aggregated",
                    "The job's metrics (kinesisanalytics group): `aggregated` keeps one series per"
                            + " vendor, channel and reason (org=all); `per-org` adds each org's own"
                            + " series beside it (CloudWatch bills each: docs/operations.md).",
                    "aggregated",
                    "per-org");
    public static final ConfigKey INGEST_RATE =
            key(
                    "Job",
                    "ingest.rate",
                    Type.INT,
                    "2000",
                    "Fair share of ingestion: records per second one org may send into the"
                        + " pipeline; more are deferred (in keyed state, in order) and the org gets"
                        + " a quota_exceeded feed-health status.");
    public static final ConfigKey INGEST_BURST =
            key(
                    "Job",
                    "ingest.burst",
                    Type.INT,
                    "20000",
                    "Records an org may send at once above its rate before it is deferred.");
    public static final ConfigKey INGEST_MAX_DEFERRED =
            key(
                    "Job",
                    "ingest.max-deferred",
                    Type.INT,
                    "200000",
                    "Records of one org that may wait for its rate; more become dead letters"
                            + " quota_exceeded with their raw bytes (replayable).");

    // --- Kinesis connection (shared by every stream in and out)
    public static final ConfigKey KINESIS_REGION =
            key(
                    "Kinesis",
                    "region",
                    Type.STRING,
                    null,
                    "AWS region of the streams. Unset: the runtime's (AWS_REGION, aws.region, the"
                        + " AWS profile, instance metadata); with Kinesis.endpoint set and none of"
                        + " those, us-east-1.");
    public static final ConfigKey KINESIS_ENDPOINT =
            key(
                    "Kinesis",
                    "endpoint",
                    Type.URL,
                    null,
                    "Endpoint override, e.g. http://127.0.0.1:4567 for kinesalite. Unset: the"
                            + " region's AWS endpoint.");
    public static final ConfigKey KINESIS_ACCESS_KEY =
            key(
                    "Kinesis",
                    "access-key",
                    Type.STRING,
                    null,
                    "Static credentials for local servers only. Unset: the AWS default credential"
                            + " chain (the application's role).");
    public static final ConfigKey KINESIS_SECRET_KEY =
            key(
                    "Kinesis",
                    "secret-key",
                    Type.STRING,
                    null,
                    "Secret of Kinesis.access-key (local servers only).");
    public static final ConfigKey KINESIS_INITIAL_POSITION =
            choice(
                    "Kinesis",
                    "initial-position",
                    "TRIM_HORIZON",
                    "Where a fresh start (no checkpoint) begins reading; a restore resumes at the"
                            + " checkpointed shard offsets.",
                    "TRIM_HORIZON",
                    "LATEST");
    public static final ConfigKey KINESIS_POLL_INTERVAL =
            key(
                    "Kinesis",
                    "poll.interval",
                    Type.DURATION,
                    "1s",
                    "Wait between GetRecords calls per shard (5 per second per shard is Kinesis'"
                            + " limit).");
    public static final ConfigKey KINESIS_DISCOVERY_INTERVAL =
            key(
                    "Kinesis",
                    "shard-discovery.interval",
                    Type.DURATION,
                    "10s",
                    "How often new shards (resharding) are looked for.");

    // --- S3 for embedded runs (a cluster configures s3.* in its own Flink configuration)
    public static final ConfigKey S3_ENDPOINT =
            key(
                    "S3",
                    "endpoint",
                    Type.URL,
                    null,
                    "Embedded runs only: S3 endpoint such as http://127.0.0.1:9000 (S3Proxy). On a"
                            + " cluster set s3.endpoint in Flink's config.");
    public static final ConfigKey S3_ACCESS_KEY =
            key("S3", "access-key", Type.STRING, null, "Embedded runs only: S3 access key.");
    public static final ConfigKey S3_SECRET_KEY =
            key("S3", "secret-key", Type.STRING, null, "Embedded runs only: S3 secret key.");
    public static final ConfigKey S3_PATH_STYLE =
            key(
                    "S3",
                    "path-style-access",
                    Type.BOOLEAN,
                    "true",
                    "Embedded runs only: bucket in the path, not the host name (needed by local S3"
                            + " servers).");
    public static final ConfigKey S3_PLUGINS_DIR =
            key(
                    "S3",
                    "plugins.dir",
                    Type.STRING,
                    "jobs/target/plugins",
                    "Embedded runs only: folder holding s3-fs-hadoop/, loaded as a Flink plugin the"
                            + " way a cluster loads it.");

    // --- Inputs
    public static final ConfigKey EVENT_PATHS =
            key(
                    "Events",
                    "paths",
                    Type.LIST,
                    null,
                    "Vendor drop roots laid out <root>/<org>/<vendor>/*.jsonl[.gz]; local paths,"
                            + " file:// or s3:// URIs, comma-separated.");
    public static final ConfigKey EVENT_MONITOR_INTERVAL =
            key(
                    "Events",
                    "monitor.interval",
                    Type.DURATION,
                    "10s",
                    "How often the drop roots are listed for new files (continuous runs).");
    public static final ConfigKey REPLAY_SINCE =
            key(
                    "Events",
                    "replay.since",
                    Type.INSTANT,
                    null,
                    "Bounded runs (replay, backfill): only files under Events.paths last modified"
                            + " at or after this (UTC time or date).");
    public static final ConfigKey REPLAY_UNTIL =
            key(
                    "Events",
                    "replay.until",
                    Type.INSTANT,
                    null,
                    "Bounded runs: only files last modified before this.");
    public static final ConfigKey EVENT_STREAMS =
            key(
                    "Events",
                    "kinesis.streams",
                    Type.LIST,
                    null,
                    "Kinesis streams of vendor records, each as stream=org/vendor (vendor 'auto'"
                            + " detects it per record), comma-separated.");
    public static final ConfigKey EVENT_STREAMS_FILE =
            key(
                    "Events",
                    "kinesis.streams.file",
                    Type.STRING,
                    null,
                    "A file of more stream=org/vendor entries (one or more per line, # comments),"
                        + " read at start from s3://, a local path or classpath:. For lists longer"
                        + " than a property value may be (2,048 characters on Managed Flink).");
    public static final ConfigKey SHARED_STREAMS =
            key(
                    "Events",
                    "shared.kinesis.streams",
                    Type.LIST,
                    null,
                    "Shared Kinesis streams carrying many orgs, written only by the operator's own"
                            + " ingestion (API Gateway, EventBridge): each record an envelope"
                            + " {\"org_id\", \"vendor\", \"record\"}, or, for an entry"
                            + " stream=partition-key, the vendor's record with org/vendor as its"
                            + " partition key. The org comes from that wrapping, never from the"
                            + " record. Comma-separated.");
    public static final ConfigKey SHARED_PATHS =
            key(
                    "Events",
                    "shared.paths",
                    Type.LIST,
                    null,
                    "Shared prefixes (local, file:// or s3://): *.jsonl[.gz] files anywhere below,"
                            + " one envelope per line, written only by the operator's own"
                            + " ingestion; the org comes from each envelope, not the path."
                            + " Comma-separated.");
    public static final ConfigKey SHARED_ALLOWED_ORGS =
            key(
                    "Events",
                    "shared.allowed-orgs",
                    Type.LIST,
                    null,
                    "Orgs the shared streams and prefixes may carry, comma-separated (unset, and"
                            + " no file: any valid org id). An envelope naming another org is an"
                            + " org_not_allowed dead letter.");
    public static final ConfigKey SHARED_ALLOWED_ORGS_FILE =
            key(
                    "Events",
                    "shared.allowed-orgs.file",
                    Type.STRING,
                    null,
                    "A file of more allowed org ids (one or more per line, # comments), read at"
                            + " start from s3://, a local path or classpath:.");
    public static final ConfigKey USERS_PATH =
            key(
                    "Directory",
                    "path",
                    Type.STRING,
                    null,
                    "Directory change log as JSON lines: a file or folder (local, file:// or"
                            + " s3://).");
    public static final ConfigKey USERS_STREAM =
            key(
                    "Directory",
                    "kinesis.stream",
                    Type.STRING,
                    null,
                    "Kinesis stream of directory changes (one JSON user record per record).");
    public static final ConfigKey USERS_WARM_UP =
            key(
                    "Directory",
                    "warm-up",
                    Type.DURATION,
                    "30s",
                    "Continuous runs: event time from the directory stream starts only after this,"
                            + " so the initial load is read before events give up on their users.");
    public static final ConfigKey RULES_PATH =
            key(
                    "Rules",
                    "path",
                    Type.STRING,
                    null,
                    "Folder of rule files (one rule per .yaml/.json): the initial rule set,"
                            + " complete before detection starts.");
    public static final ConfigKey PARSERS_PATH =
            key(
                    "Rules",
                    "parsers.path",
                    Type.STRING,
                    null,
                    "Folder of orgs' parsing configurations (feeds the code does not know;"
                            + " YAML/JSON, see README), sent ahead of the initial rules. Later ones"
                            + " arrive on the control stream as parser_upsert.");
    public static final ConfigKey RULES_STREAM =
            key(
                    "Rules",
                    "kinesis.stream",
                    Type.STRING,
                    null,
                    "The operator's Kinesis control stream: JSON control messages (rule"
                            + " upsert/delete/enable/disable/stage/promote, org_settings,"
                            + " snapshot_end) for any org. Without Rules.path, detection starts at"
                            + " the first snapshot_end on it. Orgs' own streams:"
                            + " Rules.kinesis.org-streams.");

    public static final ConfigKey MAX_ORGS =
            key(
                    "Rules",
                    "max-orgs",
                    Type.INT,
                    String.valueOf(ControlQuota.DEFAULT_MAX_ORGS),
                    "The control intake takes control input for at most this many distinct orgs;"
                            + " a message for one more is answered org_limit.");
    public static final ConfigKey CONTROL_UPDATES_PER_MINUTE =
            key(
                    "Rules",
                    "control-updates.per-minute",
                    Type.INT,
                    String.valueOf(ControlQuota.DEFAULT_UPDATES_PER_MINUTE),
                    "Each org's control updates refill at this rate (a token bucket); an update"
                            + " beyond it is answered rate_limited and not applied.");
    public static final ConfigKey CONTROL_UPDATES_BURST =
            key(
                    "Rules",
                    "control-updates.burst",
                    Type.INT,
                    String.valueOf(ControlQuota.DEFAULT_BURST),
                    "How many control updates an org may send at once (its bucket's size): at"
                            + " least a whole org's rules, parsers and settings.");
    public static final ConfigKey RULES_ORG_STREAMS =
            key(
                    "Rules",
                    "kinesis.org-streams",
                    Type.LIST,
                    null,
                    "Each org's own Kinesis control stream, as stream=org, comma-separated: a"
                        + " message on it may only speak for that org (docs/security/tenants.md)."
                        + " Rules.kinesis.stream is the operator's channel.");

    // --- Outputs
    public static final ConfigKey AUDIT_PATH =
            key(
                    "Audit",
                    "path",
                    Type.STRING,
                    null,
                    "Audit trail root (local, file:// or s3://):"
                            + " <stage>/org=<org>/dt=<date>/hour=<hh>/part-*.jsonl, committed on"
                            + " checkpoints. Required.");
    public static final ConfigKey DETECTIONS_STREAM =
            key(
                    "Outputs",
                    "detections.stream",
                    Type.STRING,
                    null,
                    "Kinesis stream for detections (JSON), partitioned by org and user. Unset:"
                            + " audit trail only.");
    public static final ConfigKey DELIVERY_STATUS_STREAM =
            key(
                    "Outputs",
                    "delivery-status.stream",
                    Type.STRING,
                    null,
                    "Kinesis stream for delivery status records (JSON).");
    public static final ConfigKey RULE_STATUS_STREAM =
            key(
                    "Outputs",
                    "rule-status.stream",
                    Type.STRING,
                    null,
                    "Kinesis stream for rule status records (accepted / rejected with errors /"
                            + " deleted / stale).");

    // --- Notify
    public static final ConfigKey RECEIVER_URL =
            key(
                    "Notify",
                    "receiver.url",
                    Type.URL,
                    null,
                    "Development: every channel to this base URL (<url>/slack/api, <url>/teams,"
                            + " <url>/webhook), e.g. the local receiver.");
    public static final ConfigKey NOTIFY_ENABLED =
            key(
                    "Notify",
                    "enabled",
                    Type.BOOLEAN,
                    "true",
                    "false: detect and audit without sending (replays of old events); every"
                            + " notification ends with status skipped.");
    public static final ConfigKey CHANNELS =
            key(
                    "Notify",
                    "channels",
                    Type.LIST,
                    String.join(",", ChannelName.ids()),
                    "Channels this deployment may deliver to (an org's settings choose among"
                            + " them).");
    public static final ConfigKey SLACK_URL =
            key(
                    "Notify",
                    "slack.url",
                    Type.URL,
                    "https://slack.com",
                    "Slack Web API base (methods are <url>/api/<method>).");
    public static final ConfigKey TEAMS_URL =
            key(
                    "Notify",
                    "teams.url",
                    Type.URL,
                    null,
                    "Default Teams Workflows/incoming-webhook URL for orgs that name none (usually"
                            + " unset: orgs give theirs by secret reference).");
    public static final ConfigKey WEBHOOK_URL =
            key(
                    "Notify",
                    "webhook.url",
                    Type.URL,
                    null,
                    "Default webhook URL for orgs that name none.");
    public static final ConfigKey SLACK_TOKEN_REF =
            key(
                    "Notify",
                    "slack.token-ref",
                    Type.STRING,
                    NotifierDefaults.SLACK_TOKEN_REF,
                    "Secret reference to the default Slack bot token (env:NAME, file:PATH,"
                            + " aws-secrets-manager:ID). On Managed Flink only aws-secrets-manager:"
                            + " references work, and the default is "
                            + "aws-secrets-manager:coach/_shared/slack-bot-token.");
    public static final ConfigKey WEBHOOK_SIGNING_REF =
            key(
                    "Notify",
                    "webhook.signing-secret-ref",
                    Type.STRING,
                    null,
                    "Secret reference to the HMAC key that signs deliveries to the configured"
                        + " webhook URL. An org's own webhook destination is signed with its own"
                        + " signing_secret. Unset: not signed.");
    public static final ConfigKey STATUS_WEBHOOK_REF =
            key(
                    "Notify",
                    "status-webhook.ref",
                    Type.STRING,
                    null,
                    "Secret reference to a URL that receives every delivery status.");
    public static final ConfigKey STATUS_WEBHOOK_SIGNING_REF =
            key(
                    "Notify",
                    "status-webhook.signing-secret-ref",
                    Type.STRING,
                    null,
                    "Secret reference to the status webhook's own HMAC key (not the webhook"
                            + " channel's). Unset: statuses are not signed.");
    public static final ConfigKey SECRETS_DIR =
            key(
                    "Notify",
                    "secrets.dir",
                    Type.STRING,
                    NotifierDefaults.SECRETS_DIR,
                    "Where relative file: references (an org's file:orgs/<org>/...) are read.");
    public static final ConfigKey SECRETS_MANAGER_REGION =
            key(
                    "Notify",
                    "secrets-manager.region",
                    Type.STRING,
                    null,
                    "Region of AWS Secrets Manager for aws-secrets-manager: references. Unset: the"
                            + " SDK's default region chain.");
    public static final ConfigKey SECRETS_MANAGER_ENDPOINT =
            key(
                    "Notify",
                    "secrets-manager.endpoint",
                    Type.URL,
                    null,
                    "Secrets Manager endpoint override (a VPC endpoint, a local stand-in). Unset:"
                            + " AWS's own.");
    public static final ConfigKey SECRETS_CACHE_TTL =
            key(
                    "Notify",
                    "secrets.cache-ttl",
                    Type.DURATION,
                    NotifierDefaults.SECRETS_CACHE_TTL,
                    "How long a resolved secret value is used before it is read again (rotation is"
                            + " picked up after this).");
    public static final ConfigKey SECRET_LOOKUP_THREADS =
            key(
                    "Notify",
                    "secrets.lookup-threads",
                    Type.INT,
                    NotifierDefaults.SECRET_LOOKUP_THREADS,
                    "Threads per notify task for secret lookups (Secrets Manager, files).");
    public static final ConfigKey DNS_LOOKUP_THREADS =
            key(
                    "Notify",
                    "dns.lookup-threads",
                    Type.INT,
                    NotifierDefaults.DNS_LOOKUP_THREADS,
                    "Threads per notify task for the SSRF guard's DNS lookups (one lookup per host"
                            + " at a time).");
    public static final ConfigKey MODULES =
            key(
                    "Notify",
                    "modules",
                    Type.STRING,
                    null,
                    "Coaching modules catalogue (YAML: title, why, link, template per module),"
                            + " validated at start: a local path, an s3:// URI or classpath:NAME (a"
                            + " resource in the job jar).");
    public static final ConfigKey ALLOWED_PRIVATE_HOSTS =
            key(
                    "Notify",
                    "allowed-private-hosts",
                    Type.LIST,
                    null,
                    "Exact origins (scheme://host:port) of the operator's own endpoints (receiver,"
                        + " status webhook) allowed although they resolve to private or loopback"
                        + " addresses; never applied to an org's destinations.");
    public static final ConfigKey REQUEST_TIMEOUT =
            key(
                    "Notify",
                    "request.timeout",
                    Type.DURATION,
                    NotifierDefaults.REQUEST_TIMEOUT,
                    "Per-request HTTP timeout.");
    public static final ConfigKey MAX_ATTEMPTS =
            key(
                    "Notify",
                    "max-attempts",
                    Type.INT,
                    NotifierDefaults.MAX_ATTEMPTS,
                    "Attempts per notification, backoff between them.");
    public static final ConfigKey INITIAL_BACKOFF =
            key(
                    "Notify",
                    "initial-backoff",
                    Type.DURATION,
                    NotifierDefaults.INITIAL_BACKOFF,
                    "Wait before the second attempt; doubles each time (Retry-After on 429 wins).");
    public static final ConfigKey DAILY_CAP =
            key(
                    "Notify",
                    "daily-cap",
                    Type.INT,
                    NotifierDefaults.DAILY_CAP,
                    "Coaching messages one person receives per UTC day at most; more are skipped"
                            + " with a status.");
    public static final ConfigKey ORG_SHARE_PERCENT =
            key(
                    "Notify",
                    "fair-share.org-percent",
                    Type.INT,
                    NotifierDefaults.ORG_SHARE_PERCENT,
                    "Fair share: the percentage of a notify task's async slots one org may hold"
                            + " (at least one slot); more of its notifications are parked.");
    public static final ConfigKey DESTINATION_SLOTS =
            key(
                    "Notify",
                    "fair-share.destination-slots",
                    Type.INT,
                    NotifierDefaults.DESTINATION_SLOTS,
                    "Fair share: async slots of a notify task one destination (org, channel,"
                            + " destination reference) may hold; more of its notifications are"
                            + " parked.");
    public static final ConfigKey MAX_HOLD =
            key(
                    "Notify",
                    "fair-share.max-hold",
                    Type.DURATION,
                    NotifierDefaults.MAX_HOLD,
                    "Longest a notification holds a notify slot: one that would wait longer (a"
                            + " Retry-After, an open circuit) or is still sending then is parked. A"
                            + " 429 with a Retry-After this long or longer opens the destination's"
                            + " circuit for that long.");
    public static final ConfigKey PARKED_PER_DESTINATION =
            key(
                    "Notify",
                    "parked.max-per-destination",
                    Type.INT,
                    NotifierDefaults.PARKED_PER_DESTINATION,
                    "Parked notifications one destination may have waiting; more fail with"
                            + " parked_overflow (a dead letter).");
    public static final ConfigKey PARKED_RELEASE_PER_SECOND =
            key(
                    "Notify",
                    "parked.release-per-second",
                    Type.INT,
                    NotifierDefaults.PARKED_RELEASE_PER_SECOND,
                    "Parked notifications of one destination handed to the retry lane per second"
                            + " at most, once their wait is over.");

    /** Keys whose values are secret references (resolved at send time, never stored). */
    public static final List<ConfigKey> SECRET_REFERENCES =
            List.of(SLACK_TOKEN_REF, WEBHOOK_SIGNING_REF, STATUS_WEBHOOK_REF);

    private static final Map<String, Map<String, ConfigKey>> BY_GROUP = new LinkedHashMap<>();

    static {
        for (ConfigKey k : KEYS) {
            BY_GROUP.computeIfAbsent(k.group, g -> new LinkedHashMap<>()).put(k.name, k);
        }
    }

    private final Map<String, Map<String, String>> groups;

    private CoachConfig(Map<String, Map<String, String>> groups) {
        this.groups = groups;
    }

    /**
     * Checks every group, key and value; throws one {@link ConfigException} listing all problems.
     */
    public static CoachConfig of(Map<String, Map<String, String>> groups) {
        Problems problems = new Problems();
        Map<String, Map<String, String>> copy = new TreeMap<>();
        groups.forEach(
                (group, values) -> {
                    Map<String, ConfigKey> known = BY_GROUP.get(group);
                    if (known == null) {
                        problems.addGeneral(
                                "unknown property group '"
                                        + group
                                        + "' (known: "
                                        + String.join(", ", BY_GROUP.keySet())
                                        + ")");
                        return;
                    }
                    values.forEach(
                            (name, value) -> {
                                ConfigKey key = known.get(name);
                                if (key == null) {
                                    problems.addGeneral(
                                            "unknown key '"
                                                    + group
                                                    + "."
                                                    + name
                                                    + "' ("
                                                    + group
                                                    + " has: "
                                                    + String.join(", ", known.keySet())
                                                    + ")");
                                } else if (value == null || value.isBlank()) {
                                    problems.add(
                                            key.id(),
                                            "empty value (leave the key out to use its default)");
                                } else {
                                    String problem = key.problemWith(value);
                                    if (problem != null) {
                                        problems.add(key.id(), "'" + value + "' " + problem);
                                    }
                                }
                            });
                    copy.put(group, new TreeMap<>(values));
                });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CoachConfig(copy);
    }

    public static List<ConfigKey> keys() {
        return Collections.unmodifiableList(KEYS);
    }

    public Optional<String> get(ConfigKey key) {
        String value = groups.getOrDefault(key.group, Map.of()).get(key.name);
        return Optional.ofNullable(value != null ? value.trim() : key.defaultValue);
    }

    public boolean isSet(ConfigKey key) {
        return groups.getOrDefault(key.group, Map.of()).containsKey(key.name);
    }

    public String string(ConfigKey key) {
        return get(key).orElseThrow(
                        () -> new ConfigException(key.id() + " is required: " + key.description));
    }

    public Duration duration(ConfigKey key) {
        return Durations.parse(string(key));
    }

    public int integer(ConfigKey key) {
        return Integer.parseInt(string(key));
    }

    public Instant instant(ConfigKey key) {
        return ConfigKey.instant(string(key));
    }

    public boolean flag(ConfigKey key) {
        return Boolean.parseBoolean(string(key).toLowerCase(Locale.ROOT));
    }

    /** Comma-separated values, blanks dropped; empty when unset. */
    public List<String> list(ConfigKey key) {
        return get(key).map(
                        v ->
                                Arrays.stream(v.split(","))
                                        .map(String::trim)
                                        .filter(s -> !s.isEmpty())
                                        .collect(Collectors.toList()))
                .orElse(List.of());
    }

    /** This configuration with {@code key} set to {@code value} (validated). */
    public CoachConfig with(ConfigKey key, String value) {
        Map<String, Map<String, String>> next = new TreeMap<>();
        groups.forEach((g, v) -> next.put(g, new TreeMap<>(v)));
        next.computeIfAbsent(key.group, g -> new TreeMap<>()).put(key.name, value);
        return of(next);
    }

    /** The groups as given (for logs: values of keys ending in secret-key are masked). */
    public Map<String, Map<String, String>> describe() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        groups.forEach(
                (g, values) -> {
                    Map<String, String> shown = new TreeMap<>();
                    values.forEach((k, v) -> shown.put(k, k.endsWith("secret-key") ? "****" : v));
                    out.put(g, shown);
                });
        return out;
    }

    /**
     * The configuration reference: one table per group (docs/configuration.md, checked by a test).
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append(
                        "Generated from `CoachConfig` (a test keeps this file equal to it). The"
                                + " same property groups and keys are used in\n")
                .append(
                        "a local file (`--config FILE`, Managed Flink's JSON format), as"
                                + " command-line overrides (`--Group.key value`)\n")
                .append(
                        "and as Amazon Managed Service for Apache Flink runtime properties. Unknown"
                                + " groups or keys and bad values stop\n")
                .append("the job at start with a message naming the key.\n");
        BY_GROUP.forEach(
                (group, keys) -> {
                    md.append("\n## ")
                            .append(group)
                            .append("\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
                    keys.values()
                            .forEach(
                                    k ->
                                            md.append("| `")
                                                    .append(k.name)
                                                    .append("` | ")
                                                    .append(
                                                            k.type == Type.CHOICE
                                                                    ? String.join(
                                                                            " \\| ", k.choices())
                                                                    : k.type.name()
                                                                            .toLowerCase(
                                                                                    Locale.ROOT))
                                                    .append(" | ")
                                                    .append(
                                                            k.defaultValue == null
                                                                    ? ""
                                                                    : "`" + k.defaultValue + "`")
                                                    .append(" | ")
                                                    .append(k.description.replace("|", "\\|"))
                                                    .append(" |\n"));
                });
        return md.toString();
    }
}
