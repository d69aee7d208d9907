package io.securitycoach.bench.pipeline;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What the job detected, as one value: SHA-256 of the committed detections' ids (deterministic:
 * org, rule, version, user and the triggering events), sorted, one per line. Two runs of the same
 * workload and seed detect the same set exactly when their digests agree, whatever the graph's
 * shape or serializers; the stored digests of the standard workloads (detections-digests
 * .properties, by {@link #workloadKey}) say what the graph before a change found.
 */
final class DetectionsDigest {
    private static final String STORED = "/pipeline/detections-digests.properties";

    private DetectionsDigest() {}

    /** The digest of the detections committed under {@code auditRoot}. */
    static String of(Path auditRoot) {
        List<String> ids = new ArrayList<>();
        AuditTrail.forEach(
                auditRoot,
                AuditStage.DETECTIONS,
                (d, file) -> ids.add(d.path("detection_id").asText()));
        return of(ids);
    }

    static String of(List<String> detectionIds) {
        List<String> sorted = new ArrayList<>(detectionIds);
        sorted.sort(String::compareTo);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : hash) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The knobs that decide the detections (not parallelism, checkpoints or the graph). */
    static String workloadKey(Workload w) {
        return String.format(
                Locale.ROOT,
                "%d-orgs/%d-users/%d-events/%d-rules/risky-%s/malformed-%s/seed-%d",
                w.orgs,
                w.users(),
                w.events,
                w.rules(),
                w.risky,
                w.malformed,
                w.seed);
    }

    /** The stored digest of this workload, or null when none is stored. */
    static String stored(Workload w) {
        Properties digests = new Properties();
        try (InputStream in = DetectionsDigest.class.getResourceAsStream(STORED)) {
            if (in != null) {
                digests.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests.getProperty(workloadKey(w));
    }
}
