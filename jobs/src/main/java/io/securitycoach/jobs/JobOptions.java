package io.securitycoach.jobs;

import io.securitycoach.control.ControlLimits;
import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import java.time.Duration;

/**
 * The job graph's options ({@code Job} group): how it checkpoints and keeps state, and the knobs
 * {@link JobSettings} reads.
 */
public final class JobOptions {
    public static final OptionGroup JOB = new OptionGroup("Job");

    public static final Option<String> STATE_BACKEND =
            JOB.choice(
                    "state.backend",
                    "rocksdb",
                    "Keyed state backend. RocksDB with incremental checkpoints holds directories"
                            + " larger than memory.",
                    "rocksdb",
                    "hashmap");

    public static final Option<Duration> CHECKPOINT_INTERVAL =
            JOB.duration(
                    "checkpoint.interval",
                    "5s",
                    "Checkpoint interval; the audit trail commits on each checkpoint. On Managed"
                            + " Flink the application's CheckpointConfiguration applies instead"
                            + " (deploy/managed-flink/template.yaml: 10 s). Checkpoints are"
                            + " exactly-once, aligned or unaligned (Flink's"
                            + " execution.checkpointing.unaligned.enabled); at-least-once"
                            + " (execution.checkpointing.mode: AT_LEAST_ONCE) would audit replayed"
                            + " records twice and is refused at start.");

    public static final Option<Boolean> BOUNDED =
            JOB.flag(
                    "bounded",
                    "false",
                    "Read file and S3 inputs once and finish (backfill, replay); Kinesis inputs are"
                            + " not allowed then.");

    public static final Option<Duration> IDENTITY_GRACE =
            JOB.duration(
                    "identity.grace",
                    "10m",
                    "How long an event waits for the directory to name its user before it goes on"
                            + " unresolved.");

    public static final Option<Duration> OUT_OF_ORDERNESS =
            JOB.duration(
                    "out-of-orderness",
                    "5s",
                    "How far out of order vendor events may arrive (event time).");

    public static final Option<Duration> SOURCE_IDLENESS =
            JOB.duration(
                    "source.idleness",
                    "30s",
                    "A source partition quiet for this long stops holding back event time.");

    public static final Option<Duration> TOMBSTONE_RETENTION =
            JOB.duration(
                    "tombstone.retention",
                    "7d",
                    "How long a deleted user's tombstone rejects older, late upserts.");

    public static final Option<Duration> NETWORK_BUFFER_TIMEOUT =
            JOB.duration(
                    "network.buffer-timeout",
                    "10ms",
                    "How long a partly filled network buffer may wait before it is sent (Flink's"
                            + " execution.buffer-timeout, set by the job). An event crosses six"
                            + " task boundaries on its way to a notification and may wait this"
                            + " long at each when the stream is quiet; full buffers go at once.");

    public static final Option<Boolean> AUDIT_SINKS_CHAINED =
            JOB.flag(
                    "audit.stage-sinks-chained",
                    "false",
                    "true: the raw and events audit sinks run in the threads of the stages that"
                            + " make their lines (the vendor source, enrichment), so the lines"
                            + " cross no network edge, but at each checkpoint those threads close"
                            + " every open audit part file (one fsync or S3 upload per org and"
                            + " hour bucket) before passing the barrier on, and every event behind"
                            + " it waits (docs/benchmarks.md, latency through checkpoints). false:"
                            + " the two sinks are tasks of their own, one more crossing each for"
                            + " the lines.");

    public static final Option<Integer> MAX_RULES_PER_ORG =
            JOB.integer(
                    "max-rules-per-org",
                    String.valueOf(ControlLimits.MAX_RULES_PER_ORG),
                    "Customer rules are untrusted input: an org may have at most this many.");

    public static final Option<Integer> FEED_HEALTH_PERCENT =
            JOB.integer(
                    "feed-health.dead-letter-percent",
                    "5",
                    "A feed (org and vendor) whose dead letters exceed this percentage of its"
                        + " records over the window gets a feed_health status on the rule-status"
                        + " stream, and another when it recovers; the same threshold applies to the"
                        + " share of its events with an unknown verdict (`unknown_verdicts` status,"
                        + " `unknown_verdict_percent`).");

    public static final Option<Duration> FEED_HEALTH_WINDOW =
            JOB.duration(
                    "feed-health.window",
                    "1h",
                    "The wall-clock window over which a feed's dead-letter share is measured.");

    public static final Option<Duration> FEED_SILENT_AFTER =
            JOB.duration(
                    "feed-health.silent-after",
                    "6h",
                    "A feed (org and vendor) that sent records and then sends nothing for this long"
                            + " gets a feed_health status `silent` (an expired token or a deleted"
                            + " export), and another when records arrive again; 0 turns it off.");

    public static final Option<String> METRICS_ORG_DIMENSION =
            JOB.choice(
                    "metrics.org-dimension",
                    "aggregated",
                    "The job's metrics (kinesisanalytics group): `aggregated` keeps one series per"
                            + " vendor, channel and reason (org=all); `per-org` adds each org's own"
                            + " series beside it (CloudWatch bills each: docs/operations.md).",
                    "aggregated",
                    "per-org");

    public static final Option<Integer> INGEST_RATE =
            JOB.integer(
                    "ingest.rate",
                    "2000",
                    "Fair share of ingestion: records per second one org may send into the"
                        + " pipeline; more are deferred (in keyed state, in order) and the org gets"
                        + " a quota_exceeded feed-health status.");

    public static final Option<Integer> INGEST_BURST =
            JOB.integer(
                    "ingest.burst",
                    "20000",
                    "Records an org may send at once above its rate before it is deferred.");

    public static final Option<Integer> INGEST_MAX_DEFERRED =
            JOB.integer(
                    "ingest.max-deferred",
                    "200000",
                    "Records of one org that may wait for its rate; more become dead letters"
                            + " quota_exceeded with their raw bytes (replayable).");

    private JobOptions() {}
}
