package io.securitycoach.savepoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.control.OrgSettingsHandover;
import io.securitycoach.detect.RuleDetector;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.records.OrgSettings;
import io.securitycoach.schema.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-org figures of the inspect report. Only orgs that still have state appear, so an erased org's
 * id is nowhere in the report.
 */
final class OrgReport {
    private OrgReport() {}

    static ObjectNode of(StateCounts counts, List<BroadcastCell> broadcast) {
        Map<String, ObjectNode> orgs = new TreeMap<>();
        add(orgs, "users", counts.byOrg(JobUids.DIRECTORY, "user-version"));
        add(orgs, "user_profiles", counts.byOrg(JobUids.ENRICH, "user-profile"));
        add(orgs, "identities", counts.byOrg(JobUids.RESOLVE, "identity-owner"));
        add(orgs, "held_events", counts.byOrg(JobUids.RESOLVE, "held-for-identity"));
        add(orgs, "held_events", counts.byOrg(JobUids.ENRICH, "held-for-profile"));
        add(orgs, "held_events", counts.byOrg(JobUids.DETECT, "waiting-for-rules"));
        add(orgs, "rule_progress", counts.byOrg(JobUids.DETECT, "rule-progress"));
        add(orgs, "quiet_hours_holds", counts.byOrg(JobUids.PLAN, "held-for-quiet-hours"));
        add(orgs, "daily_caps", counts.byOrg(JobUids.PLAN, "coached-today"));
        SavepointState.entries(broadcast, JobUids.DETECT, RuleDetector.RULES)
                .values()
                .forEach(
                        r ->
                                org(orgs, r.orgId)
                                        .withArray("rules")
                                        .addObject()
                                        .put("rule_id", r.ruleId)
                                        .put("version", r.version)
                                        .put("mode", r.mode)
                                        .put("enabled", r.enabled));
        SavepointState.entries(broadcast, JobUids.NORMALIZE, NormalizeFunction.PARSERS)
                .values()
                .forEach(
                        p ->
                                org(orgs, p.orgId)
                                        .withArray("parsers")
                                        .addObject()
                                        .put("name", p.ruleId)
                                        .put("version", p.version));
        // the notify stage's settings; a savepoint before layout 3 has them in the detect stage
        for (String uid : List.of(JobUids.DETECT, JobUids.PLAN)) {
            for (OrgSettings s :
                    SavepointState.entries(broadcast, uid, OrgSettingsHandover.LEGACY_ORG_SETTINGS)
                            .values()) {
                ObjectNode org = org(orgs, s.orgId);
                org.put(
                        "org_settings_version",
                        Math.max(s.version, org.path("org_settings_version").asLong(0)));
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        orgs.forEach(out::set);
        return out;
    }

    private static void add(Map<String, ObjectNode> orgs, String field, Map<String, Long> byOrg) {
        byOrg.forEach(
                (org, n) -> {
                    ObjectNode node = org(orgs, org);
                    node.put(field, node.path(field).asLong(0) + n);
                });
    }

    private static ObjectNode org(Map<String, ObjectNode> orgs, String org) {
        return orgs.computeIfAbsent(org, o -> Json.mapper().createObjectNode());
    }
}
