package io.securitycoach.soak;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Detections equal the reference run's by detection id: none missing, none extra, none audited
 * twice. A detection id names the triggering events; where feeds interleave differently (two
 * vendors' events of one user reach the detector in another order), the same coaching moment (org,
 * rule, version, user) can be triggered by other events. Such pairs are matched second and counted
 * as reordered, not as missing and extra: the employee is coached once either way.
 */
final class DetectionCheck {
    private final Path audit;
    private final Path reference;

    DetectionCheck(Path audit, Path reference) {
        this.audit = audit;
        this.reference = reference;
    }

    void run(SoakReport report) {
        List<AuditedDetection> seen = read(audit);
        Map<String, AuditedDetection> actual = byId(seen, report);
        Map<String, AuditedDetection> expected = byId(read(reference), null);
        report.detectionsAudited = actual.size();
        report.detectionsReference = expected.size();
        List<AuditedDetection> missing = new ArrayList<>();
        for (AuditedDetection d : expected.values()) {
            if (actual.remove(d.id) == null) {
                missing.add(d);
            }
        }
        List<AuditedDetection> extra = new ArrayList<>(actual.values());
        report.detectionsReordered = matchByMoment(missing, extra);
        report.detectionsMissing = missing.size();
        report.detectionsExtra = extra.size();
        if (!missing.isEmpty()) {
            report.violations.add(
                    new Violation(
                            "detections_missing",
                            missing.size(),
                            describe(missing, "reference: ")));
        }
        if (!extra.isEmpty()) {
            report.violations.add(
                    new Violation("detections_extra", extra.size(), describe(extra, "")));
        }
    }

    private static List<AuditedDetection> read(Path root) {
        List<AuditedDetection> out = new ArrayList<>();
        AuditTrail.forEach(
                root, AuditStage.DETECTIONS, (d, file) -> out.add(new AuditedDetection(d, file)));
        return out;
    }

    /**
     * By id; an id audited twice is a violation of the run under test (the reference is taken as it
     * is).
     */
    private static Map<String, AuditedDetection> byId(
            List<AuditedDetection> all, SoakReport report) {
        Map<String, AuditedDetection> out = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (AuditedDetection d : all) {
            AuditedDetection before = out.putIfAbsent(d.id, d);
            if (before != null) {
                repeated.add(d + " (also in " + before.file + ")");
            }
        }
        if (report != null && !repeated.isEmpty()) {
            report.violations.add(
                    new Violation("detections_duplicated", repeated.size(), repeated));
        }
        return out;
    }

    /**
     * Pairs a missing and an extra detection of the same coaching moment; removes them; returns the
     * pairs.
     */
    private static int matchByMoment(List<AuditedDetection> missing, List<AuditedDetection> extra) {
        Map<String, List<AuditedDetection>> extraByMoment = new HashMap<>();
        for (AuditedDetection d : extra) {
            extraByMoment.computeIfAbsent(d.moment, k -> new ArrayList<>()).add(d);
        }
        int pairs = 0;
        for (AuditedDetection d : new ArrayList<>(missing)) {
            List<AuditedDetection> same = extraByMoment.get(d.moment);
            if (same != null && !same.isEmpty()) {
                extra.remove(same.remove(same.size() - 1));
                missing.remove(d);
                pairs++;
            }
        }
        return pairs;
    }

    private static List<String> describe(List<AuditedDetection> ds, String prefix) {
        return ds.stream().map(d -> prefix + d).collect(Collectors.toList());
    }
}
