package io.securitycoach.normalize.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.JsonFields;
import java.util.Locale;

/** Netskope's action words and severity spellings onto the schema's values. */
final class NetskopeLevels {
    private NetskopeLevels() {}

    /**
     * The block family (block, blocked, quarantine, restrictAccess, ...) is {@code blocked}; alert,
     * Detection, useralert (the person was warned and went on), bypass and allow are {@code
     * allowed}.
     */
    static String action(String action) {
        if (action == null) {
            return "unknown";
        }
        String a = action.toLowerCase(Locale.ROOT);
        if (a.startsWith("block")
                || a.startsWith("quarantin")
                || a.equals("restrictaccess")
                || a.startsWith("deny")
                || a.equals("encrypt")
                || a.equals("delete")) {
            return "blocked";
        }
        if (a.startsWith("allow")
                || a.equals("alert")
                || a.equals("detection")
                || a.equals("useralert")
                || a.equals("bypass")
                || a.equals("monitor")) {
            return "allowed";
        }
        return "unknown";
    }

    /**
     * {@code severity}, else DLP's {@code dlp_rule_severity}, else the audit's numeric {@code
     * severity_level}.
     */
    static String severity(JsonNode r) {
        String text =
                JsonFields.firstNonNull(
                        JsonFields.field(r, "severity"), JsonFields.field(r, "dlp_rule_severity"));
        if (text == null) {
            String level = JsonFields.field(r, "severity_level");
            return level == null ? (r.has("alert_type") ? "medium" : "info") : numeric(level);
        }
        String s = text.toLowerCase(Locale.ROOT);
        if (s.startsWith("crit")) return "critical";
        if (s.startsWith("high")) return "high";
        if (s.startsWith("med")) return "medium";
        if (s.startsWith("low")) return "low";
        return s.startsWith("info") ? "info" : numeric(s);
    }

    private static String numeric(String level) {
        switch (level.trim()) {
            case "1":
                return "low";
            case "2":
                return "medium";
            case "3":
                return "high";
            case "4":
            case "5":
                return "critical";
            default:
                return "info";
        }
    }
}
