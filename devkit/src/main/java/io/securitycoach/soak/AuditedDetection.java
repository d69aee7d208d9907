package io.securitycoach.soak;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A detection as the audit trail holds it: its id, the coaching moment it stands for, and its file.
 */
final class AuditedDetection {
    final String id;

    /**
     * Org, rule, rule version and who: one coaching moment, whichever events happened to trigger
     * it.
     */
    final String moment;

    final String mode;
    final String file;

    AuditedDetection(JsonNode d, String file) {
        this.id = d.path("detection_id").asText();
        String who =
                d.hasNonNull("user_id")
                        ? d.get("user_id").asText()
                        : "unresolved:" + d.path("identity_key").asText();
        this.moment =
                d.path("org_id").asText()
                        + " "
                        + d.path("rule_id").asText()
                        + " v"
                        + d.path("rule_version").asLong()
                        + " "
                        + who;
        this.mode = d.path("mode").asText();
        this.file = file;
    }

    @Override
    public String toString() {
        return id + " (" + moment + ", " + mode + ") in " + file;
    }
}
