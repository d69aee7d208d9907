package io.securitycoach.jobs.wiring.kinesis;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;
import java.time.Duration;
import java.util.List;

/**
 * The Kinesis connection shared by every stream in and out ({@code Kinesis} group, read by {@link
 * KinesisStreams}), and the orgs' own control streams ({@code Rules.kinesis.org-streams}, read by
 * {@link ControlChannels}).
 */
public final class KinesisOptions {
    public static final OptionGroup KINESIS = new OptionGroup("Kinesis");

    public static final OptionGroup CONTROL_CHANNELS = new OptionGroup("Rules");

    public static final Option<String> KINESIS_REGION =
            KINESIS.string(
                    "region",
                    null,
                    "AWS region of the streams. Unset: the runtime's (AWS_REGION, aws.region, the"
                        + " AWS profile, instance metadata); with Kinesis.endpoint set and none of"
                        + " those, us-east-1.");

    public static final Option<String> KINESIS_ENDPOINT =
            KINESIS.url(
                    "endpoint",
                    null,
                    "Endpoint override, e.g. http://127.0.0.1:4567 for kinesalite. Unset: the"
                            + " region's AWS endpoint.");

    public static final Option<String> KINESIS_ACCESS_KEY =
            KINESIS.string(
                    "access-key",
                    null,
                    "Static credentials for local servers only. Unset: the AWS default credential"
                            + " chain (the application's role).");

    public static final Option<String> KINESIS_SECRET_KEY =
            KINESIS.string(
                    "secret-key", null, "Secret of Kinesis.access-key (local servers only).");

    public static final Option<String> KINESIS_INITIAL_POSITION =
            KINESIS.choice(
                    "initial-position",
                    "TRIM_HORIZON",
                    "Where a fresh start (no checkpoint) begins reading; a restore resumes at the"
                            + " checkpointed shard offsets.",
                    "TRIM_HORIZON",
                    "LATEST");

    public static final Option<Duration> KINESIS_POLL_INTERVAL =
            KINESIS.duration(
                    "poll.interval",
                    "1s",
                    "Wait between GetRecords calls per shard (5 per second per shard is Kinesis'"
                            + " limit).");

    public static final Option<Duration> KINESIS_DISCOVERY_INTERVAL =
            KINESIS.duration(
                    "shard-discovery.interval",
                    "10s",
                    "How often new shards (resharding) are looked for.");

    public static final Option<List<String>> RULES_ORG_STREAMS =
            CONTROL_CHANNELS.list(
                    "kinesis.org-streams",
                    null,
                    "Each org's own Kinesis control stream, as stream=org, comma-separated: a"
                        + " message on it may only speak for that org (docs/security/tenants.md)."
                        + " Rules.kinesis.stream is the operator's channel.");

    private KinesisOptions() {}
}
