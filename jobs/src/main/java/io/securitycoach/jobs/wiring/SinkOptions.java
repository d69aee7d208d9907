package io.securitycoach.jobs.wiring;

import io.securitycoach.options.Option;
import io.securitycoach.options.OptionGroup;

/**
 * Where the job writes ({@code Audit} and {@code Outputs} groups, read by {@link ConfiguredSinks}).
 */
public final class SinkOptions {
    public static final OptionGroup AUDIT = new OptionGroup("Audit");

    public static final OptionGroup OUTPUTS = new OptionGroup("Outputs");

    public static final Option<String> AUDIT_PATH =
            AUDIT.string(
                    "path",
                    null,
                    "Audit trail root (local, file:// or s3://):"
                            + " <stage>/org=<org>/dt=<date>/hour=<hh>/part-*.jsonl, committed on"
                            + " checkpoints. Required.");

    public static final Option<String> DETECTIONS_STREAM =
            OUTPUTS.string(
                    "detections.stream",
                    null,
                    "Kinesis stream for detections (JSON), partitioned by org and user. Unset:"
                            + " audit trail only.");

    public static final Option<String> DELIVERY_STATUS_STREAM =
            OUTPUTS.string(
                    "delivery-status.stream",
                    null,
                    "Kinesis stream for delivery status records (JSON).");

    public static final Option<String> RULE_STATUS_STREAM =
            OUTPUTS.string(
                    "rule-status.stream",
                    null,
                    "Kinesis stream for rule status records (accepted / rejected with errors /"
                            + " deleted / stale).");

    private SinkOptions() {}
}
