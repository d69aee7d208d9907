package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.util.DrainingKeyedProcessOperator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where parked notifications wait, keyed by destination ({@link
 * io.securitycoach.util.Keys#destination}), instead of in an async slot: in arrival order, each
 * until its retry time (a receiver's Retry-After, the end of an open circuit), then released to the
 * retry lane at most {@code releasePerSecond} a second, so a destination that comes back is not
 * flooded and one destination's backlog cannot fill the retry lane at once. Bounded: a destination
 * with {@code maxParked} waiting fails the next one with {@code parked_overflow} (a dead letter
 * with its reason, never a silent drop). State ends with the last release; every entry has a timer,
 * and when a bounded input ends everything still parked goes to the retry lane at once ({@link
 * DrainingKeyedProcessOperator}).
 */
public class ParkedNotifications extends KeyedProcessFunction<String, Notification, Notification>
        implements DrainingKeyedProcessOperator.Drainable<Notification> {
    /** Notifications that failed to park (destination's queue full): final, with the reason. */
    public static final OutputTag<DeliveryStatus> OVERFLOW =
            new OutputTag<>("parked-overflow", TypeInformation.of(DeliveryStatus.class));

    public static final String OVERFLOW_REASON = "parked_overflow";

    /** Position in the destination's queue -> the notification. */
    public static final MapStateDescriptor<Long, Notification> PARKED =
            new MapStateDescriptor<>(
                    "parked-notifications", Types.LONG, TypeInformation.of(Notification.class));

    public static final ValueStateDescriptor<ParkedQueue> QUEUE =
            new ValueStateDescriptor<>("parked-queue", ParkedQueue.class);

    private static final long SECOND = 1_000;

    private final int maxParked;
    private final int releasePerSecond;
    private transient MapState<Long, Notification> parked;
    private transient ValueState<ParkedQueue> queue;

    public ParkedNotifications(int maxParked, int releasePerSecond) {
        this.maxParked = Math.max(1, maxParked);
        this.releasePerSecond = Math.max(1, releasePerSecond);
    }

    @Override
    public void open(OpenContext openContext) {
        parked = getRuntimeContext().getMapState(PARKED);
        queue = getRuntimeContext().getState(QUEUE);
    }

    @Override
    public void processElement(Notification n, Context ctx, Collector<Notification> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        ParkedQueue q = queue.value() == null ? new ParkedQueue() : queue.value();
        if (q.size() >= maxParked) {
            ctx.output(OVERFLOW, overflow(n, now));
            return;
        }
        parked.put(q.tail++, n);
        if (q.size() == 1) {
            schedule(q, Math.max(n.notBefore, now), ctx);
        }
        queue.update(q);
    }

    private DeliveryStatus overflow(Notification n, long now) {
        return DeliveryStatus.attempted(
                n,
                DeliveryStatus.FAILED,
                n.attemptsMade,
                0,
                OVERFLOW_REASON,
                maxParked + " notifications to this destination are already waiting",
                now,
                now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        ParkedQueue q = queue.value();
        if (q == null || q.timer != timestamp) {
            return; // replaced by a later timer
        }
        int released = 0;
        while (q.size() > 0 && released < releasePerSecond) {
            Notification head = parked.get(q.head);
            if (head.notBefore > timestamp) {
                break;
            }
            parked.remove(q.head++);
            out.collect(head);
            released++;
        }
        if (q.size() == 0) {
            queue.clear();
            return;
        }
        long due = parked.get(q.head).notBefore;
        schedule(q, released == releasePerSecond ? Math.max(due, timestamp + SECOND) : due, ctx);
        queue.update(q);
    }

    @Override
    public String drainedState() {
        return QUEUE.getName();
    }

    @Override
    public void drain(Collector<Notification> out) throws Exception {
        ParkedQueue q = queue.value();
        for (long i = q == null ? 0 : q.head; q != null && i < q.tail; i++) {
            out.collect(parked.get(i));
        }
        parked.clear();
        queue.clear();
    }

    private static void schedule(ParkedQueue q, long at, Context ctx) {
        if (q.timer != 0) {
            ctx.timerService().deleteProcessingTimeTimer(q.timer);
        }
        q.timer = at;
        ctx.timerService().registerProcessingTimeTimer(at);
    }

    /** One destination's queue of parked notifications: positions [head, tail), its timer. */
    public static class ParkedQueue {
        public long head;
        public long tail;

        /** The registered release timer; 0 when none. */
        public long timer;

        public ParkedQueue() {}

        long size() {
            return tail - head;
        }
    }
}
