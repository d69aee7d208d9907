package io.securitycoach.notify;

import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.LabelledCounters;
import org.apache.flink.api.common.functions.RuntimeContext;

/** The {@code deliveries} metric: every final delivery status, by org, channel and status. */
final class DeliveryCounters {
    static final String NAME = "deliveries";

    private DeliveryCounters() {}

    static LabelledCounters create(RuntimeContext context) {
        return JobMetrics.labelled(context, NAME, "org", "channel", "status");
    }
}
