package io.securitycoach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each integration's state from a run's audit trail: records fetched (raw audit lines whose origin
 * names the integration), the latest status (answers and health changes on the status stream), the
 * lag and the cursor that status reported, and the last page fetched.
 */
final class IntegrationReport {
    /** One integration, {@code org/vendor}. */
    static final class Entry {
        long events;
        String status;
        long statusTime = Long.MIN_VALUE;
        Long lagMillis;
        String cursor;
        String lastPage;

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", status);
            json.put("events", events);
            json.put("lag_ms", lagMillis);
            json.put("cursor", cursor);
            json.put("last_page", lastPage);
            return json;
        }
    }

    final Map<String, Entry> integrations = new TreeMap<>();

    static IntegrationReport fromAudit(String auditRoot) {
        IntegrationReport r = new IntegrationReport();
        for (JsonNode raw : AuditTrail.read(auditRoot, AuditStage.RAW)) {
            String origin = raw.path("origin").asText();
            if (origin.startsWith("integration:")) {
                int space = origin.indexOf(' ');
                String key = origin.substring(12, space < 0 ? origin.length() : space);
                Entry e = r.entry(key);
                e.events++;
                e.lastPage = space < 0 ? null : origin.substring(space + 1);
            }
        }
        for (JsonNode s : AuditTrail.read(auditRoot, AuditStage.RULE_STATUS)) {
            String subject = s.path("rule_id").asText();
            if (subject.startsWith("integration/")) {
                r.status(s.path("org_id").asText() + "/" + subject.substring(12), s);
            }
        }
        return r;
    }

    private Entry entry(String key) {
        return integrations.computeIfAbsent(key, k -> new Entry());
    }

    /** Keeps the newest status (by the time it was made). */
    private void status(String key, JsonNode s) {
        Entry e = entry(key);
        long time = s.path("time").asLong();
        if (time < e.statusTime) {
            return;
        }
        e.statusTime = time;
        e.status = s.path("status").asText();
        for (JsonNode finding : s.path("errors")) {
            String f = finding.asText();
            if (f.startsWith("lag_ms: ")) {
                e.lagMillis = Long.parseLong(f.substring(8));
            } else if (f.startsWith("cursor: ")) {
                e.cursor = f.substring(8);
            }
        }
    }

    Map<String, Long> eventsByIntegration() {
        Map<String, Long> m = new TreeMap<>();
        integrations.forEach((k, e) -> m.put(k, e.events));
        return m;
    }

    Map<String, String> latestStatus() {
        Map<String, String> m = new TreeMap<>();
        integrations.forEach((k, e) -> m.put(k, e.status));
        return m;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new TreeMap<>();
        integrations.forEach((k, e) -> m.put(k, e.toJson()));
        return m;
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        if (integrations.isEmpty()) {
            return "no integrations in this audit trail\n";
        }
        integrations.forEach(
                (k, e) ->
                        b.append(k)
                                .append(": ")
                                .append(e.status)
                                .append(", ")
                                .append(e.events)
                                .append(" events fetched")
                                .append(
                                        e.lagMillis == null
                                                ? ""
                                                : ", lag " + e.lagMillis / 1000 + " s")
                                .append(e.cursor == null ? "" : ", cursor " + e.cursor)
                                .append(e.lastPage == null ? "" : ", last page " + e.lastPage)
                                .append('\n'));
        return b.toString();
    }
}
