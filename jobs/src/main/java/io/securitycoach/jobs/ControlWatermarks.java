package io.securitycoach.jobs;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The control stream carries no event time, but it is one input of detection: without a watermark
 * of its own it would hold detection's event time back forever. It declares "nothing older will
 * come" from the start, so the event side alone decides.
 */
public final class ControlWatermarks {
    private ControlWatermarks() {}

    public static <T> WatermarkStrategy<T> neverHoldBack() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<T>() {
                            @Override
                            public void onEvent(
                                    T event, long eventTimestamp, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }
}
