package io.securitycoach.records;

import java.util.List;
import java.util.Objects;

/**
 * A message on the control stream. Rule upserts carry the rule text as the customer wrote it (it is
 * validated by the job, so every control message gets a status); enable, disable, stage and promote
 * name a live rule and the new version they make of it; org settings carry their JSON; {@code
 * snapshot_end} marks that the initial rule set is complete and detection may start. Every message
 * carries a version: one not newer than what is live is answered {@code stale}.
 */
public class ControlMessage {
    public static final String RULE_UPSERT = "rule_upsert";
    public static final String RULE_DELETE = "rule_delete";
    public static final String RULE_ENABLE = "rule_enable";
    public static final String RULE_DISABLE = "rule_disable";

    /**
     * Detections for the audit trail only: customers test a rule on real traffic before it coaches.
     */
    public static final String RULE_STAGE = "rule_stage";

    public static final String RULE_PROMOTE = "rule_promote";
    public static final String ORG_SETTINGS = "org_settings";
    public static final String SNAPSHOT_END = "snapshot_end";

    /**
     * An org's parsing configuration for a feed the code does not know (payload: its YAML/JSON
     * text).
     */
    public static final String PARSER_UPSERT = "parser_upsert";

    /** Removes an org's parsing configuration: orgId, ruleId = the parser's name, version. */
    public static final String PARSER_DELETE = "parser_delete";

    /**
     * An org's integration with a vendor API (payload: its JSON definition; ruleId: the vendor),
     * held and polled by the integration poller.
     */
    public static final String INTEGRATION_UPSERT = "integration_upsert";

    /** Removes an org's integration and its cursor: orgId, ruleId = the vendor, version. */
    public static final String INTEGRATION_DELETE = "integration_delete";

    /** Stops polling an integration, keeping its cursor; resume continues from it. */
    public static final String INTEGRATION_PAUSE = "integration_pause";

    public static final String INTEGRATION_RESUME = "integration_resume";

    /** True for the messages the integration poller answers (and no other stage reads). */
    public static boolean isIntegration(String type) {
        return type != null && type.startsWith("integration_");
    }

    /** A record of the control stream that could not be read; payload says why. */
    public static final String UNREADABLE = "unreadable";

    /**
     * Refused by the control intake (no valid org, a text for another org...); payload: the
     * reasons, a line each.
     */
    public static final String REFUSED = "refused";

    /**
     * Org settings the detect stage held before state layout 3, handed to the notify stage once
     * after a restore, then the end of that handover. Never from outside: the intake refuses these
     * types.
     */
    public static final String ORG_SETTINGS_HANDOVER = "org_settings_handover";

    public static final String ORG_SETTINGS_HANDOVER_END = "org_settings_handover_end";

    public String type;
    public String orgId;
    public String ruleId;
    public long version;
    public String payload;
    public String source;

    public ControlMessage() {}

    public static ControlMessage upsert(String ruleText, String source) {
        ControlMessage m = new ControlMessage();
        m.type = RULE_UPSERT;
        m.payload = ruleText;
        m.source = source;
        return m;
    }

    public static ControlMessage delete(String orgId, String ruleId, long version, String source) {
        ControlMessage m = new ControlMessage();
        m.type = RULE_DELETE;
        m.orgId = orgId;
        m.ruleId = ruleId;
        m.version = version;
        m.source = source;
        return m;
    }

    /** enable, disable, stage or promote a live rule, as its version {@code version}. */
    public static ControlMessage change(
            String type, String orgId, String ruleId, long version, String source) {
        ControlMessage m = delete(orgId, ruleId, version, source);
        m.type = type;
        return m;
    }

    public static ControlMessage orgSettings(
            String orgId, long version, String json, String source) {
        ControlMessage m = new ControlMessage();
        m.type = ORG_SETTINGS;
        m.orgId = orgId;
        m.version = version;
        m.payload = json;
        m.source = source;
        return m;
    }

    public static ControlMessage parserUpsert(String configText, String source) {
        ControlMessage m = upsert(configText, source);
        m.type = PARSER_UPSERT;
        return m;
    }

    public static ControlMessage unreadable(String why, String source) {
        ControlMessage m = new ControlMessage();
        m.type = UNREADABLE;
        m.payload = why;
        m.source = source;
        return m;
    }

    /**
     * A rule upsert for {@code orgId}: every message that changes an org's state names that org.
     */
    public static ControlMessage upsert(String orgId, String ruleText, String source) {
        ControlMessage m = upsert(ruleText, source);
        m.orgId = orgId;
        return m;
    }

    public static ControlMessage parserUpsert(String orgId, String configText, String source) {
        ControlMessage m = parserUpsert(configText, source);
        m.orgId = orgId;
        return m;
    }

    /**
     * What is left of a refused message: its org (only when valid), rule, version and source, and
     * the reasons, so it is answered with one rejected status and changes nothing.
     */
    public static ControlMessage refused(
            String orgId, String ruleId, long version, List<String> reasons, String source) {
        ControlMessage m = new ControlMessage();
        m.type = REFUSED;
        m.orgId = orgId;
        m.ruleId = ruleId;
        m.version = version;
        m.payload = String.join("\n", reasons);
        m.source = source;
        return m;
    }

    /** The reasons of a {@link #REFUSED} message. */
    public List<String> reasons() {
        return payload == null ? List.of() : List.of(payload.split("\n"));
    }

    /** Settings already accepted (as their JSON POJO form), handed from one stage to another. */
    public static ControlMessage settingsHandover(String orgId, long version, String settingsJson) {
        ControlMessage m = orgSettings(orgId, version, settingsJson, "restored");
        m.type = ORG_SETTINGS_HANDOVER;
        return m;
    }

    public static ControlMessage settingsHandoverEnd() {
        ControlMessage m = snapshotEnd("restored");
        m.type = ORG_SETTINGS_HANDOVER_END;
        return m;
    }

    public static ControlMessage snapshotEnd(String source) {
        ControlMessage m = new ControlMessage();
        m.type = SNAPSHOT_END;
        m.source = source;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ControlMessage)) return false;
        ControlMessage m = (ControlMessage) o;
        return version == m.version
                && Objects.equals(type, m.type)
                && Objects.equals(orgId, m.orgId)
                && Objects.equals(ruleId, m.ruleId)
                && Objects.equals(payload, m.payload)
                && Objects.equals(source, m.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, orgId, ruleId, version);
    }

    @Override
    public String toString() {
        return "ControlMessage{" + type + " " + source + "}";
    }
}
