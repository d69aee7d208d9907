package io.securitycoach.control;

import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.OrgIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The one gate of the control stream, ahead of both stages that hold control state (normalize and
 * detect): every message that changes an org's state must name a valid org ({@link OrgIds}), and a
 * rule or parsing configuration it carries may only name that same org. Anything else is replaced
 * by a {@link ControlMessage#REFUSED} message, which changes nothing and is answered with a {@code
 * rejected} status giving the reasons. The stages still check the org of what they compile, for
 * texts whose org this cheap look cannot read.
 */
public final class ControlIntake implements MapFunction<ControlMessage, ControlMessage> {
    private static final long serialVersionUID = 1L;

    /** Messages about one org's rule or parser: they name it in {@code rule_id}. */
    private static final Set<String> NAME_A_RULE =
            Set.of(
                    ControlMessage.RULE_DELETE,
                    ControlMessage.RULE_ENABLE,
                    ControlMessage.RULE_DISABLE,
                    ControlMessage.RULE_STAGE,
                    ControlMessage.RULE_PROMOTE,
                    ControlMessage.PARSER_DELETE,
                    // integrations name their vendor in rule_id
                    ControlMessage.INTEGRATION_UPSERT,
                    ControlMessage.INTEGRATION_DELETE,
                    ControlMessage.INTEGRATION_PAUSE,
                    ControlMessage.INTEGRATION_RESUME);

    private static final Set<String> CARRY_A_TEXT =
            Set.of(ControlMessage.RULE_UPSERT, ControlMessage.PARSER_UPSERT);

    /**
     * Not about one org: the end of the initial snapshot, and records already refused or
     * unreadable.
     */
    private static final Set<String> ORG_FREE =
            Set.of(ControlMessage.SNAPSHOT_END, ControlMessage.UNREADABLE, ControlMessage.REFUSED);

    /** Every type that changes one org's state: all but the org-free ones. */
    private static final Set<String> ORG_SCOPED =
            union(NAME_A_RULE, CARRY_A_TEXT, Set.of(ControlMessage.ORG_SETTINGS));

    @Override
    public ControlMessage map(ControlMessage message) {
        return check(message);
    }

    /** The message itself when it may pass, else its refusal. */
    public static ControlMessage check(ControlMessage m) {
        if (m == null) {
            return ControlMessage.unreadable("empty control message", null);
        }
        List<String> problems = problems(m);
        if (problems.isEmpty()) {
            return m;
        }
        String org = OrgIds.isValid(m.orgId) ? m.orgId : null;
        return ControlMessage.refused(org, m.ruleId, m.version, problems, m.source);
    }

    /** Why the message may not pass; empty when it may. */
    public static List<String> problems(ControlMessage m) {
        List<String> problems = new ArrayList<>();
        if (m.type == null) {
            problems.add("type: missing");
            return problems;
        }
        if (ORG_FREE.contains(m.type)) {
            return problems;
        }
        if (!ORG_SCOPED.contains(m.type)) {
            problems.add("type: unknown control message type '" + printable(m.type) + "'");
            return problems;
        }
        String orgProblem = OrgIds.problem(m.orgId);
        if (orgProblem != null) {
            problems.add(
                    "org_id: " + orgProblem + " (every " + m.type + " names the org it is for)");
        }
        if (NAME_A_RULE.contains(m.type) && (m.ruleId == null || m.ruleId.isBlank())) {
            problems.add("rule_id: missing (" + m.type + " names the rule or parser it is about)");
        }
        if (CARRY_A_TEXT.contains(m.type) && orgProblem == null) {
            textOrg(m, problems);
        }
        return problems;
    }

    /** A carried rule or configuration naming another org is refused before anyone compiles it. */
    private static void textOrg(ControlMessage m, List<String> problems) {
        if (m.payload == null || m.payload.isBlank()) {
            String what = ControlMessage.RULE_UPSERT.equals(m.type) ? "rule" : "configuration";
            problems.add("payload: missing (the " + what + " text)");
            return;
        }
        if (m.payload.length() > RuleParser.MAX_RULE_BYTES) {
            return; // over the size limit: the stage rejects it without reading it
        }
        String named =
                ControlMessage.RULE_UPSERT.equals(m.type)
                        ? RuleParser.peekOrgAndId(m.payload)[0]
                        : ParserCompiler.peekOrgAndName(m.payload)[0];
        if (named != null && !named.equals(m.orgId)) {
            problems.add(
                    "org: the text names org '"
                            + printable(named)
                            + "' but was sent for org '"
                            + m.orgId
                            + "'");
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
