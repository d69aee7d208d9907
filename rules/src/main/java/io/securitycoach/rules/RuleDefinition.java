package io.securitycoach.rules;

import java.util.Arrays;
import java.util.Objects;

/**
 * A validated customer rule as data: what broadcast state holds and savepoints carry. It is compiled
 * into a {@link CompiledRule} by each task; the compiled form is never stored.
 */
public class RuleDefinition {
    public static final String MODE_LIVE = "live";
    public static final String MODE_STAGED = "staged";

    public String orgId;
    public String ruleId;
    public long version;
    public boolean enabled = true;
    public String description;
    public String severity;
    /** CEL condition over {@code event} and {@code user}. */
    public String when;
    /** At most one detection per user per rule within this many milliseconds; 0 = no suppression. */
    public long suppressMillis;
    /** live (coaches) or staged (detections for the audit trail only). */
    public String mode = MODE_LIVE;
    public String coachModule;
    public String[] coachChannels = new String[0];
    /** Message template; placeholders in {@link MessageTemplate#PLACEHOLDERS}. */
    public String coachMessage;
    /** Where the rule came from (file name or control-stream id), for status messages. */
    public String source;

    public RuleDefinition() {}

    public String key() {
        return key(orgId, ruleId);
    }

    public static String key(String orgId, String ruleId) {
        return orgId + "/" + ruleId;
    }

    public boolean isLive() {
        return MODE_LIVE.equals(mode);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RuleDefinition)) return false;
        RuleDefinition r = (RuleDefinition) o;
        return version == r.version && enabled == r.enabled && suppressMillis == r.suppressMillis
                && Objects.equals(orgId, r.orgId) && Objects.equals(ruleId, r.ruleId)
                && Objects.equals(description, r.description) && Objects.equals(severity, r.severity)
                && Objects.equals(when, r.when) && Objects.equals(mode, r.mode)
                && Objects.equals(coachModule, r.coachModule) && Arrays.equals(coachChannels, r.coachChannels)
                && Objects.equals(coachMessage, r.coachMessage) && Objects.equals(source, r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, ruleId, version);
    }

    @Override
    public String toString() {
        return "Rule{" + key() + " v" + version + (enabled ? "" : " disabled") + " " + mode + "}";
    }
}
