package io.securitycoach.bench.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes, from a JFR recording of the measured span: each stack sample is attributed to
 * the operator (or engine work: network serialization, RocksDB, file sink) at its leaf-most
 * recognised frame ({@link FrameKinds}), then the process CPU of the span is shared out in
 * proportion. JIT and GC threads are not sampled: their CPU is spread over the rest.
 */
final class CpuProfile implements AutoCloseable {
    private final Recording recording = new Recording();

    CpuProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
        recording.setToDisk(true);
    }

    void start() {
        recording.start();
    }

    /**
     * Starts and stops one recording, before anything is measured. The JVM's first recording makes
     * it instrument JFR's event classes (class retransformation), and the JVM then throws away all
     * its compiled code: started at the span's beginning, that was ~12,000 methods made not entrant
     * in one second and the span spent ~40 CPU-seconds recompiling them, partly interpreted.
     */
    static void prime() {
        try (Recording first = new Recording()) {
            first.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            first.start();
            first.stop();
        }
    }

    /** Stops, and returns the samples per category, scaled so they add up to {@code cpuSeconds}. */
    Map<String, Double> stop(Path file, double cpuSeconds) throws IOException {
        recording.stop();
        recording.dump(file);
        Map<String, Long> samples = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String category = categorize(e);
            if (category != null) {
                samples.merge(category, 1L, Long::sum);
            }
        }
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> seconds = new TreeMap<>();
        samples.forEach((k, v) -> seconds.put(k, total == 0 ? 0 : cpuSeconds * v / total));
        return seconds;
    }

    /**
     * The sample's category, or null. Only the two sample types count: the dump also holds the
     * events of any other recording the JVM runs at the time (a {@code -XX:StartFlightRecording}, a
     * {@code jcmd JFR.start}), many with stack traces, which are not CPU samples.
     */
    private static String categorize(RecordedEvent e) {
        String type = e.getEventType().getName();
        boolean nativeSample = "jdk.NativeMethodSample".equals(type);
        if (e.getStackTrace() == null || !(nativeSample || "jdk.ExecutionSample".equals(type))) {
            return null;
        }
        List<RecordedFrame> frames = e.getStackTrace().getFrames();
        if (nativeSample && (frames.isEmpty() || !FrameKinds.isRocksDb(frames.get(0)))) {
            return null; // a thread waiting in native code, not working
        }
        String thread =
                e.getThread("sampledThread") == null
                        ? "?"
                        : e.getThread("sampledThread").getJavaName();
        return FrameKinds.categorize(frames, thread);
    }

    @Override
    public void close() {
        recording.close();
    }
}
