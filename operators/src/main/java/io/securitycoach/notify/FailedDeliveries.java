package io.securitycoach.notify;

import io.securitycoach.records.DeadLetter;
import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.util.JobMetrics;
import io.securitycoach.util.LabelledCounters;
import io.securitycoach.util.ShareGauges;
import io.securitycoach.util.Tags;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes every delivery status on, counts it ({@code deliveries} by org, channel and status, and
 * each channel's recent {@code failedDeliveryPercent}), and turns final failures into dead letters
 * with their reason. A parked status goes on without its notification, which goes to {@link
 * #PARKED} (to wait in {@link ParkedNotifications}).
 */
public class FailedDeliveries extends ProcessFunction<DeliveryStatus, DeliveryStatus> {
    public static final String STAGE = "notify";

    /** Notifications that gave their slot back, to be tried again by the retry lane. */
    public static final OutputTag<Notification> PARKED =
            new OutputTag<>("parked-notifications", TypeInformation.of(Notification.class));

    private transient LabelledCounters deliveries;
    private transient ShareGauges failedShares;

    @Override
    public void open(OpenContext openContext) {
        deliveries = DeliveryCounters.create(getRuntimeContext());
        failedShares =
                new ShareGauges(
                        JobMetrics.exported(getRuntimeContext()),
                        "failedDeliveryPercent",
                        "channel",
                        System::currentTimeMillis);
    }

    @Override
    public void processElement(DeliveryStatus s, Context ctx, Collector<DeliveryStatus> out) {
        deliveries.inc(s.orgId, s.channel, s.status);
        boolean failed = DeliveryStatus.FAILED.equals(s.status);
        if (failed || DeliveryStatus.DELIVERED.equals(s.status)) {
            failedShares.add(s.channel, failed);
        }
        if (s.parked != null) {
            ctx.output(PARKED, s.parked);
            s.parked = null;
        }
        if (DeliveryStatus.FAILED.equals(s.status)) {
            ctx.output(
                    Tags.DEAD_LETTERS,
                    DeadLetter.of(
                            STAGE,
                            s.orgId,
                            s.channel,
                            "delivery_failed",
                            s.reason
                                    + " after "
                                    + s.attempts
                                    + " attempt(s), last HTTP status "
                                    + s.httpStatus,
                            s.detail,
                            s.notificationId,
                            s.time));
        }
        out.collect(s);
    }
}
