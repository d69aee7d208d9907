package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.schema.OrgIds;
import java.io.Serializable;
import java.util.List;

/**
 * Where a control message came from, which is the only thing that says whom it may speak for. An
 * org's channel (its own Kinesis stream, its own folder or S3 prefix) carries messages for that org
 * only: one that names another org, or a type only the operator or the job itself sends
 * (snapshot_end, refused, unreadable, the internal hand-over), or an unknown type, is replaced by a
 * refusal filed under the channel's org, so the sender learns why and nothing else changes. The
 * operator's channel (the job's own configuration: the rules folder's top level, {@code
 * Rules.kinesis.stream}) may speak for any org and send operator-wide types; the intake still
 * checks every message's org and text ({@link ControlIntake}).
 */
public final class ControlChannel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The operator's own channel. */
    public static final ControlChannel OPERATOR = new ControlChannel(null);

    /** The org this channel speaks for; null for the operator's. */
    private final String org;

    private ControlChannel(String org) {
        this.org = org;
    }

    /** An org's own channel; the org must be a valid org id (checked when the job starts). */
    public static ControlChannel ofOrg(String org) {
        String problem = OrgIds.problem(org);
        if (problem != null) {
            throw new IllegalArgumentException("control channel: " + problem);
        }
        return new ControlChannel(org);
    }

    public boolean isOperator() {
        return org == null;
    }

    /** The org this channel speaks for; null for the operator's channel. */
    public String org() {
        return org;
    }

    /**
     * What a record read from this channel may become: the message itself, or its refusal. Only for
     * messages read from outside (a file, a record); refusals the readers make themselves do not
     * pass here.
     */
    public ControlMessage admit(ControlMessage m) {
        ControlType type = ControlType.of(m);
        if (type != null && !type.sender.tenant() && type.sender != ControlType.Sender.OPERATOR) {
            return refuse(
                    m,
                    "type: '"
                            + type.wireName
                            + "' is the job's own, never read from a control channel");
        }
        if (isOperator()) {
            return m;
        }
        if (m.type == null) {
            return refuse(m, "type: missing");
        }
        if (type == null) {
            return refuse(
                    m,
                    "type: unknown control message type '" + ControlIntake.printable(m.type) + "'");
        }
        if (!type.sender.tenant()) {
            return refuse(
                    m,
                    "type: "
                            + type.wireName
                            + " is the operator's; an org's channel cannot send it");
        }
        if (!org.equals(m.orgId)) {
            return refuse(
                    m,
                    "org_id: this channel speaks for org '"
                            + org
                            + "' only; the message names "
                            + (m.orgId == null
                                    ? "no org"
                                    : "org '" + ControlIntake.printable(m.orgId) + "'"));
        }
        return m;
    }

    /**
     * A refusal under the channel's org (an operator-channel refusal names an org only if valid).
     */
    private ControlMessage refuse(ControlMessage m, String reason) {
        String filedUnder = isOperator() ? (OrgIds.isValid(m.orgId) ? m.orgId : null) : org;
        String subject = isOperator() || org.equals(m.orgId) ? m.ruleId : null;
        return ControlMessage.refused(filedUnder, subject, m.version, List.of(reason), m.source);
    }

    @Override
    public String toString() {
        return isOperator() ? "operator" : "org:" + org;
    }
}
