package io.securitycoach.control;

import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.RuleParser;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The routing table of the control stream: every control type, who may send it, the one stage that
 * owns it (applies it and answers it) and the stages that only read it. {@link ControlIntake}
 * routes each message by this table and nothing else; a new type is one line here plus the code in
 * its owning stage (docs/architecture.md, "Adding a control type").
 */
public enum ControlType {
    RULE_UPSERT(
            ControlMessage.RULE_UPSERT,
            ControlStage.DETECT,
            "rule",
            text -> RuleParser.peekOrgAndId(text)[0]),
    RULE_DELETE(ControlMessage.RULE_DELETE, Sender.TENANT_SUBJECT, ControlStage.DETECT),
    RULE_ENABLE(ControlMessage.RULE_ENABLE, Sender.TENANT_SUBJECT, ControlStage.DETECT),
    RULE_DISABLE(ControlMessage.RULE_DISABLE, Sender.TENANT_SUBJECT, ControlStage.DETECT),
    RULE_STAGE(ControlMessage.RULE_STAGE, Sender.TENANT_SUBJECT, ControlStage.DETECT),
    RULE_PROMOTE(ControlMessage.RULE_PROMOTE, Sender.TENANT_SUBJECT, ControlStage.DETECT),
    PARSER_UPSERT(
            ControlMessage.PARSER_UPSERT,
            ControlStage.NORMALIZE,
            "configuration",
            text -> ParserCompiler.peekOrgAndName(text)[0]),
    PARSER_DELETE(ControlMessage.PARSER_DELETE, Sender.TENANT_SUBJECT, ControlStage.NORMALIZE),
    /** An org's vendor API integrations: the poller owns them (rule_id names the vendor). */
    INTEGRATION_UPSERT(
            ControlMessage.INTEGRATION_UPSERT, Sender.TENANT_SUBJECT, ControlStage.INTEGRATIONS),
    INTEGRATION_DELETE(
            ControlMessage.INTEGRATION_DELETE, Sender.TENANT_SUBJECT, ControlStage.INTEGRATIONS),
    INTEGRATION_PAUSE(
            ControlMessage.INTEGRATION_PAUSE, Sender.TENANT_SUBJECT, ControlStage.INTEGRATIONS),
    INTEGRATION_RESUME(
            ControlMessage.INTEGRATION_RESUME, Sender.TENANT_SUBJECT, ControlStage.INTEGRATIONS),
    /** Owned by notify; normalize reads the org's verified domains and feed time zones. */
    ORG_SETTINGS(
            ControlMessage.ORG_SETTINGS,
            Sender.TENANT,
            ControlStage.NOTIFY,
            ControlStage.NORMALIZE),
    /** Detect answers {@code ready}; normalize and notify stop waiting for the snapshot too. */
    SNAPSHOT_END(
            ControlMessage.SNAPSHOT_END,
            Sender.OPERATOR,
            ControlStage.DETECT,
            ControlStage.NORMALIZE,
            ControlStage.NOTIFY),
    /** Made by the job's own readers (a record that could not be read). */
    UNREADABLE(ControlMessage.UNREADABLE, Sender.READER, ControlStage.INTAKE),
    /** Made by the job's own readers and channels (a message its channel may not carry). */
    REFUSED(ControlMessage.REFUSED, Sender.READER, ControlStage.INTAKE),
    /** From detect to notify inside the job, after a restore; never on the control stream. */
    ORG_SETTINGS_HANDOVER(
            ControlMessage.ORG_SETTINGS_HANDOVER, Sender.JOB_INTERNAL, ControlStage.NOTIFY),
    ORG_SETTINGS_HANDOVER_END(
            ControlMessage.ORG_SETTINGS_HANDOVER_END, Sender.JOB_INTERNAL, ControlStage.NOTIFY);

    /** Who may put a type on the control stream. */
    public enum Sender {
        /** An org, for itself: the message carries a rule or configuration text naming the org. */
        TENANT_TEXT,
        /** An org, for itself: the message names the rule or parser it is about in rule_id. */
        TENANT_SUBJECT,
        /** An org, for itself. */
        TENANT,
        /** Only the operator's channel: it is about no org. */
        OPERATOR,
        /** Only the job's own readers, never a record's content. */
        READER,
        /** Never on the control stream. */
        JOB_INTERNAL;

        /** Whether an org's own channel may carry it. */
        public boolean tenant() {
            return this == TENANT_TEXT || this == TENANT_SUBJECT || this == TENANT;
        }
    }

    /** The type as it is written in a message's {@code type}. */
    public final String wireName;

    public final Sender sender;

    /** Applies and answers it: each message gets one status, from here. */
    public final ControlStage owner;

    /** Also get it, and apply it silently. */
    public final Set<ControlStage> readers;

    /** For {@link Sender#TENANT_TEXT}: what the carried text is, and the org it names (or null). */
    public final String textName;

    public final transient Function<String, String> textOrg;

    ControlType(String wireName, Sender sender, ControlStage owner, ControlStage... readers) {
        this(wireName, sender, owner, null, null, readers);
    }

    /** A type that carries an org's text (its {@code payload}), which must name that same org. */
    ControlType(
            String wireName,
            ControlStage owner,
            String textName,
            Function<String, String> textOrg,
            ControlStage... readers) {
        this(wireName, Sender.TENANT_TEXT, owner, textName, textOrg, readers);
    }

    ControlType(
            String wireName,
            Sender sender,
            ControlStage owner,
            String textName,
            Function<String, String> textOrg,
            ControlStage... readers) {
        this.wireName = wireName;
        this.sender = sender;
        this.owner = owner;
        this.readers = EnumSet.noneOf(ControlStage.class);
        this.readers.addAll(Arrays.asList(readers));
        this.textName = textName;
        this.textOrg = textOrg;
    }

    /** The type a message names; null when none does (unknown or missing). */
    public static ControlType of(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (ControlType t : values()) {
            if (t.wireName.equals(wireName)) {
                return t;
            }
        }
        return null;
    }

    /** The type of a message; null when unknown. */
    public static ControlType of(ControlMessage m) {
        return m == null ? null : of(m.type);
    }

    /** Every stage that gets a message of this type: the owner and the readers. */
    public Set<ControlStage> route() {
        EnumSet<ControlStage> all = EnumSet.of(owner);
        all.addAll(readers);
        return all;
    }

    /** Whether a message of this type is about one org (names it in org_id). */
    public boolean orgScoped() {
        return sender.tenant();
    }
}
