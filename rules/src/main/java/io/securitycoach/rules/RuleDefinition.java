package io.securitycoach.rules;

import io.securitycoach.coaching.MessageTemplate;
import java.util.Arrays;
import java.util.Objects;

/**
 * A validated customer rule as data: what broadcast state holds and savepoints carry. It is
 * compiled into a {@link CompiledRule} by each task; the compiled form is never stored.
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

    /**
     * At most one detection per user per rule within this many milliseconds; 0 = no suppression.
     */
    public long suppressMillis;

    /** live (coaches) or staged (detections for the audit trail only). */
    public String mode = MODE_LIVE;

    public String coachModule;
    public String[] coachChannels = new String[0];

    /** Message template; placeholders in {@link MessageTemplate#PLACEHOLDERS}. */
    public String coachMessage;

    /** Optional CEL condition over {@code user} only: who the rule applies to. */
    public String scope;

    /** Threshold: fire when this many matching events (0 = no threshold) fall within the window. */
    public int thresholdCount;

    /**
     * Threshold on distinct values of this event field instead of a plain count; null for a count.
     */
    public String thresholdDistinct;

    public long thresholdWindowMillis;

    /**
     * Sequence: ordered CEL conditions that must match in this order within the window; empty =
     * none.
     */
    public String[] sequenceSteps = new String[0];

    public long sequenceWindowMillis;

    /** Where the rule came from (file name or control-stream id), for status messages. */
    public String source;

    public RuleDefinition() {}

    public String key() {
        return key(orgId, ruleId);
    }

    public static String key(String orgId, String ruleId) {
        return orgId + "/" + ruleId;
    }

    public boolean isThreshold() {
        return thresholdCount > 0;
    }

    public boolean isSequence() {
        return sequenceSteps != null && sequenceSteps.length > 0;
    }

    /** How far back per-user progress (counts, sequence steps) must reach. */
    public long windowMillis() {
        return isThreshold() ? thresholdWindowMillis : isSequence() ? sequenceWindowMillis : 0;
    }

    /**
     * A copy, for control messages that change one setting (enable, stage, ...) as a new version.
     */
    public RuleDefinition copy() {
        RuleDefinition r = new RuleDefinition();
        r.orgId = orgId;
        r.ruleId = ruleId;
        r.version = version;
        r.enabled = enabled;
        r.description = description;
        r.severity = severity;
        r.when = when;
        r.suppressMillis = suppressMillis;
        r.mode = mode;
        r.coachModule = coachModule;
        r.coachChannels = coachChannels.clone();
        r.coachMessage = coachMessage;
        r.scope = scope;
        r.thresholdCount = thresholdCount;
        r.thresholdDistinct = thresholdDistinct;
        r.thresholdWindowMillis = thresholdWindowMillis;
        r.sequenceSteps = sequenceSteps.clone();
        r.sequenceWindowMillis = sequenceWindowMillis;
        r.source = source;
        return r;
    }

    public boolean isLive() {
        return MODE_LIVE.equals(mode);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RuleDefinition)) return false;
        RuleDefinition r = (RuleDefinition) o;
        return version == r.version
                && enabled == r.enabled
                && suppressMillis == r.suppressMillis
                && Objects.equals(orgId, r.orgId)
                && Objects.equals(ruleId, r.ruleId)
                && Objects.equals(description, r.description)
                && Objects.equals(severity, r.severity)
                && Objects.equals(when, r.when)
                && Objects.equals(mode, r.mode)
                && Objects.equals(coachModule, r.coachModule)
                && Arrays.equals(coachChannels, r.coachChannels)
                && Objects.equals(coachMessage, r.coachMessage)
                && Objects.equals(source, r.source)
                && Objects.equals(scope, r.scope)
                && thresholdCount == r.thresholdCount
                && Objects.equals(thresholdDistinct, r.thresholdDistinct)
                && thresholdWindowMillis == r.thresholdWindowMillis
                && Arrays.equals(sequenceSteps, r.sequenceSteps)
                && sequenceWindowMillis == r.sequenceWindowMillis;
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
