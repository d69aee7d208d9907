package io.securitycoach.bench.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;

/**
 * Names the work a stack sample was doing, from its leaf-most recognised frame (class name
 * prefixes).
 */
final class FrameKinds {
    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        PREFIXES.put("org.rocksdb.", "state: RocksDB");
        PREFIXES.put("org.apache.flink.contrib.streaming.state.", "state: RocksDB");
        PREFIXES.put(
                "org.apache.flink.streaming.runtime.io.RecordWriterOutput",
                "network: serialize out");
        PREFIXES.put("org.apache.flink.runtime.io.network.api.writer.", "network: serialize out");
        PREFIXES.put(
                "org.apache.flink.streaming.runtime.io.AbstractStreamTaskNetworkInput",
                "network: deserialize in");
        PREFIXES.put(
                "org.apache.flink.runtime.io.network.api.serialization.",
                "network: deserialize in");
        PREFIXES.put("io.securitycoach.audit.AuditLineWriter", "audit: file sink");
        PREFIXES.put("io.securitycoach.audit.AuditBucketAssigner", "audit: file sink");
        PREFIXES.put("org.apache.flink.connector.file.sink.", "audit: file sink");
        PREFIXES.put(
                "org.apache.flink.streaming.api.functions.sink.filesystem.", "audit: file sink");
        PREFIXES.put("io.securitycoach.audit.", "audit: JSON records");
        PREFIXES.put("io.securitycoach.io.", "source: read files");
        PREFIXES.put("org.apache.flink.connector.file.src.", "source: read files");
        PREFIXES.put("io.securitycoach.bench.pipeline.RateLimitedEvents", "source: generator");
        PREFIXES.put("io.securitycoach.normalize.", "normalize");
        PREFIXES.put("io.securitycoach.directory.IdentityResolver", "resolve identity");
        PREFIXES.put("io.securitycoach.directory.Enricher", "enrich");
        PREFIXES.put("io.securitycoach.directory.", "directory");
        PREFIXES.put("io.securitycoach.detect.", "detect");
        PREFIXES.put("io.securitycoach.rules.", "detect");
        PREFIXES.put("io.securitycoach.notify.NotificationPlanner", "plan notifications");
        PREFIXES.put("io.securitycoach.notify.", "notify");
        PREFIXES.put("io.securitycoach.receiver.", "local receiver");
        PREFIXES.put("com.sun.net.httpserver.", "local receiver");
        PREFIXES.put("sun.net.httpserver.", "local receiver");
        PREFIXES.put("jdk.jfr.", "profiler");
    }

    private FrameKinds() {}

    static boolean isRocksDb(RecordedFrame f) {
        return f.getMethod().getType().getName().startsWith("org.rocksdb.");
    }

    static String categorize(List<RecordedFrame> frames, String thread) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, String> p : PREFIXES.entrySet()) {
                if (type.startsWith(p.getKey())) {
                    return p.getValue();
                }
            }
        }
        return "other: " + threadKind(thread);
    }

    /** A thread's name without its subtask and attempt numbers, shortened. */
    static String threadKind(String thread) {
        String t = thread.replaceAll(" \\(\\d+/\\d+\\).*$", "").replaceAll("[-#]?\\d+$", "");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
