package io.securitycoach.jobs.wiring;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the job reads its inputs ({@code Events}, {@code Directory} and {@code Rules} groups, read
 * by {@link ConfiguredSources}, {@link SharedSources} and the Kinesis event-stream tags).
 */
public final class SourceOptions {
    public static final OptionGroup EVENTS = new OptionGroup("Events");

    public static final OptionGroup DIRECTORY = new OptionGroup("Directory");

    public static final OptionGroup RULES = new OptionGroup("Rules");

    public static final Option<List<String>> EVENT_PATHS =
            EVENTS.list(
                    "paths",
                    null,
                    "Vendor drop roots laid out <root>/<org>/<vendor>/*.jsonl[.gz]; local paths,"
                            + " file:// or s3:// URIs, comma-separated.");

    public static final Option<Duration> EVENT_MONITOR_INTERVAL =
            EVENTS.duration(
                    "monitor.interval",
                    "10s",
                    "How often the drop roots are listed for new files (continuous runs). A"
                            + " folder whose modification time has not moved since a listing taken"
                            + " at least 10 s after its last change is not listed again (its"
                            + " sub-folders are still visited), and every folder at least every 5"
                            + " minutes; stores without folder times (S3) are listed whole every"
                            + " interval.");

    public static final Option<Instant> REPLAY_SINCE =
            EVENTS.instant(
                    "replay.since",
                    null,
                    "Bounded runs (replay, backfill): only files under Events.paths last modified"
                            + " at or after this (UTC time or date).");

    public static final Option<Instant> REPLAY_UNTIL =
            EVENTS.instant(
                    "replay.until", null, "Bounded runs: only files last modified before this.");

    public static final Option<List<String>> EVENT_STREAMS =
            EVENTS.list(
                    "kinesis.streams",
                    null,
                    "Kinesis streams of vendor records, each as stream=org/vendor (vendor 'auto'"
                            + " detects it per record), comma-separated.");

    public static final Option<String> EVENT_STREAMS_FILE =
            EVENTS.string(
                    "kinesis.streams.file",
                    null,
                    "A file of more stream=org/vendor entries (one or more per line, # comments),"
                        + " read at start from s3://, a local path or classpath:. For lists longer"
                        + " than a property value may be (2,048 characters on Managed Flink).");

    public static final Option<List<String>> SHARED_STREAMS =
            EVENTS.list(
                    "shared.kinesis.streams",
                    null,
                    "Shared Kinesis streams carrying many orgs, written only by the operator's own"
                            + " ingestion (API Gateway, EventBridge): each record an envelope"
                            + " {\"org_id\", \"vendor\", \"record\"}, or, for an entry"
                            + " stream=partition-key, the vendor's record with org/vendor as its"
                            + " partition key. The org comes from that wrapping, never from the"
                            + " record. Comma-separated.");

    public static final Option<List<String>> SHARED_PATHS =
            EVENTS.list(
                    "shared.paths",
                    null,
                    "Shared prefixes (local, file:// or s3://): *.jsonl[.gz] files anywhere below,"
                            + " one envelope per line, written only by the operator's own"
                            + " ingestion; the org comes from each envelope, not the path."
                            + " Comma-separated.");

    public static final Option<List<String>> SHARED_ALLOWED_ORGS =
            EVENTS.list(
                    "shared.allowed-orgs",
                    null,
                    "Orgs the shared streams and prefixes may carry, comma-separated (unset, and"
                            + " no file: any valid org id). An envelope naming another org is an"
                            + " org_not_allowed dead letter.");

    public static final Option<String> SHARED_ALLOWED_ORGS_FILE =
            EVENTS.string(
                    "shared.allowed-orgs.file",
                    null,
                    "A file of more allowed org ids (one or more per line, # comments), read at"
                            + " start from s3://, a local path or classpath:.");

    public static final Option<String> USERS_PATH =
            DIRECTORY.string(
                    "path",
                    null,
                    "Directory change log as JSON lines: a file or folder (local, file:// or"
                            + " s3://).");

    public static final Option<String> USERS_STREAM =
            DIRECTORY.string(
                    "kinesis.stream",
                    null,
                    "Kinesis stream of directory changes (one JSON user record per record).");

    public static final Option<Duration> USERS_WARM_UP =
            DIRECTORY.duration(
                    "warm-up",
                    "30s",
                    "Continuous runs: event time from the directory stream starts only after this,"
                            + " so the initial load is read before events give up on their users.");

    public static final Option<String> RULES_PATH =
            RULES.string(
                    "path",
                    null,
                    "Folder of rule files (one rule per .yaml/.json): the initial rule set,"
                            + " complete before detection starts.");

    public static final Option<String> PARSERS_PATH =
            RULES.string(
                    "parsers.path",
                    null,
                    "Folder of orgs' parsing configurations (feeds the code does not know;"
                            + " YAML/JSON, see README), sent ahead of the initial rules. Later ones"
                            + " arrive on the control stream as parser_upsert.");

    public static final Option<String> RULES_STREAM =
            RULES.string(
                    "kinesis.stream",
                    null,
                    "The operator's Kinesis control stream: JSON control messages (rule"
                            + " upsert/delete/enable/disable/stage/promote, org_settings,"
                            + " snapshot_end) for any org. Without Rules.path, detection starts at"
                            + " the first snapshot_end on it. Orgs' own streams:"
                            + " Rules.kinesis.org-streams.");

    private SourceOptions() {}
}
