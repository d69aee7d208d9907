package io.securitycoach.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a directory stream that never ends: "the directory is complete up to now", emitted
 * only after a warm-up in which the initial directory load is read. Until then, events wait for
 * their users instead of timing out against a directory that has not been read yet.
 */
public final class DirectoryWatermarks {
    private DirectoryWatermarks() {}

    public static <T> WatermarkStrategy<T> wallClockAfter(Duration warmUp) {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<T>() {
                            private final long start = System.currentTimeMillis();

                            @Override
                            public void onEvent(
                                    T event, long eventTimestamp, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                long now = System.currentTimeMillis();
                                if (now - start >= warmUp.toMillis()) {
                                    output.emitWatermark(new Watermark(now));
                                }
                            }
                        });
    }
}
