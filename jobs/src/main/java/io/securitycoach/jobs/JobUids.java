package io.securitycoach.jobs;

/**
 * Every operator's uid, in one place: savepoints map state to operators by these, so the graph
 * ({@link CoachJob} and the wiring) and the savepoint tools (savepoints/JobStateLayout) read them
 * from here. A value never changes once released: a new uid orphans the state saved under the old.
 */
public final class JobUids {
    // Sources.
    public static final String SOURCE_EVENTS = "source-events";
    public static final String SOURCE_USERS = "source-users";

    /**
     * The rule files' source: the uid of the finite source it replaced, so savepoints of earlier
     * versions restore without dropping state (see SnapshotSplitSerializer for that state).
     */
    public static final String SOURCE_CONTROL_FILES = "source-rules";

    public static final String SOURCE_EVENTS_KINESIS = "source-events-kinesis";
    public static final String SOURCE_USERS_KINESIS = "source-users-kinesis";
    public static final String USERS_KINESIS_WATERMARKS = "users-kinesis-watermarks";
    public static final String SOURCE_CONTROL_KINESIS = "source-control-kinesis";
    public static final String CONTROL_KINESIS_WATERMARKS = "control-kinesis-watermarks";
    public static final String REPLAY_PROGRESS = "replay-progress";
    public static final String SOURCE_EVENTS_SHARED_KINESIS = "source-events-shared-kinesis";
    public static final String SOURCE_EVENTS_SHARED_FILES = "source-events-shared-files";
    public static final String OPEN_SHARED_ENVELOPES = "open-shared-envelopes";

    // The pipeline; the stateful ones are named in savepoints/JobStateLayout.
    public static final String CONTROL_INTAKE = "control-intake";
    public static final String NORMALIZE = "normalize";
    public static final String EVENT_TIME = "event-time";
    public static final String FEED_HEALTH = "feed-health";
    public static final String COMBINE_FEED_SAMPLES = "combine-feed-samples";
    public static final String PARSE_USERS = "parse-users";
    public static final String DIRECTORY = "directory-changes";
    public static final String RESOLVE = "resolve-identity";
    public static final String ENRICH = "enrich";
    public static final String DETECT = "detect";
    public static final String PLAN = "plan-notifications";
    public static final String NOTIFY = "notify";
    public static final String DELIVERY_OUTCOMES = "delivery-outcomes";
    public static final String STATUS_WEBHOOK = "status-webhook";
    public static final String INGEST_QUOTA = "ingest-quota";
    public static final String INTEGRATION_POLLER = "integration-poller";
    public static final String PARKED_NOTIFICATIONS = "parked-notifications";
    public static final String NOTIFY_RETRY = "notify-retry";
    public static final String RETRY_DELIVERY_OUTCOMES = "retry-delivery-outcomes";

    // The audit trail.
    public static final String AUDIT_RAW = "audit-raw";

    /**
     * Raw records fetched from the orgs' vendor APIs (the vendor sources' are {@link #AUDIT_RAW}).
     */
    public static final String AUDIT_RAW_FETCHED = "audit-raw-fetched";

    public static final String AUDIT_EVENTS = "audit-events";
    public static final String AUDIT_DETECTIONS = "audit-detections";
    public static final String AUDIT_DELIVERIES = "audit-deliveries";
    public static final String AUDIT_DEAD_LETTERS = "audit-dead-letters";
    public static final String AUDIT_RULE_STATUS = "audit-rule-status";
    public static final String AUDIT_SINK = "audit-sink";

    /**
     * The sinks of their own that the raw and events stages' lines get (JobSinks.auditPerStage).
     */
    public static final String AUDIT_SINK_RAW = "audit-sink-raw";

    public static final String AUDIT_SINK_EVENTS = "audit-sink-events";

    /** The uid of the sink of one stage's own ({@code raw} or {@code events}). */
    public static String auditSink(String stage) {
        return AUDIT_SINK + "-" + stage;
    }

    private JobUids() {}
}
