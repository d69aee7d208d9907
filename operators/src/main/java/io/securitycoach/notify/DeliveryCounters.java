package io.securitycoach.notify;

import io.securitycoach.util.LabelledCounters;
import org.apache.flink.metrics.MetricGroup;

/** The {@code deliveries} metric: every final delivery status, by org, channel and status. */
final class DeliveryCounters {
    static final String NAME = "deliveries";

    private DeliveryCounters() {}

    static LabelledCounters create(MetricGroup group) {
        return new LabelledCounters(group, NAME, "org", "channel", "status");
    }
}
