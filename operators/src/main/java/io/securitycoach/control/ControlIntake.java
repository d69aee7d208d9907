package io.securitycoach.control;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.util.Tags;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one gate of the control stream (a single task, so the order of messages is kept). Every
 * message that changes an org's state must name a valid org ({@link OrgIds}), and a rule or parsing
 * configuration it carries may only name that same org; the org must fit under the cap on orgs and
 * within its rate ({@link OrgAllowances}). What passes goes to the stages the routing table names
 * ({@link ControlType}: the owner, which answers, and its readers), each on its own side output
 * ({@link ControlRoutes}). The intake answers the rest itself with one status: unreadable records,
 * refusals made by the readers and channels ({@link ControlChannel}), unknown types and failed
 * checks ({@code rejected}), limits ({@code org_limit}, {@code rate_limited}). The stages still
 * check the org of what they compile, for texts whose org this cheap look cannot read.
 */
public final class ControlIntake extends ProcessFunction<ControlMessage, ControlMessage>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** The intake's operator state: each org it takes control input for, with its bucket. */
    public static final ListStateDescriptor<OrgAllowances.Bucket> ALLOWANCES =
            new ListStateDescriptor<>(
                    "control-org-allowances", TypeInformation.of(OrgAllowances.Bucket.class));

    private final ControlQuota quota;
    private transient OrgAllowances allowances;
    private transient ListState<OrgAllowances.Bucket> allowanceState;

    public ControlIntake(ControlQuota quota) {
        this.quota = quota;
    }

    public ControlIntake() {
        this(ControlQuota.defaults());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        allowanceState = context.getOperatorStateStore().getListState(ALLOWANCES);
        allowances = new OrgAllowances(quota);
        allowances.restore(allowanceState.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        allowanceState.update(allowances.buckets());
    }

    @Override
    public void processElement(ControlMessage m, Context ctx, Collector<ControlMessage> out) {
        long now = ctx.timerService().currentProcessingTime();
        ControlStatus answer = answerOf(m, now);
        if (answer != null) {
            ctx.output(Tags.RULE_STATUS, answer);
            return;
        }
        for (ControlStage stage : ControlType.of(m).route()) {
            ctx.output(ControlRoutes.to(stage), m);
        }
    }

    /** The intake's own answer to {@code m}; null when a stage is to apply and answer it. */
    private ControlStatus answerOf(ControlMessage m, long now) {
        ControlMessage checked = check(m);
        ControlType type = ControlType.of(checked);
        if (type == ControlType.UNREADABLE) {
            return ControlStatus.rejected(
                    ControlRequests.of(checked, now),
                    0,
                    List.of("unreadable control message: " + checked.payload));
        }
        if (type == ControlType.REFUSED) {
            return ControlStatus.rejected(ControlRequests.of(checked, now), 0, checked.reasons());
        }
        return type.orgScoped() ? allowances.take(ControlRequests.of(checked, now), now) : null;
    }

    /** The message itself when it may pass the checks, else its refusal. */
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
        ControlType type = ControlType.of(m);
        if (m.type == null) {
            problems.add("type: missing");
        } else if (type == null) {
            problems.add("type: unknown control message type '" + printable(m.type) + "'");
        } else if (type.sender == ControlType.Sender.JOB_INTERNAL) {
            problems.add(
                    "type: '" + type.wireName + "' is the job's own, never on the control stream");
        } else if (type.orgScoped()) {
            orgProblems(m, type, problems);
        }
        return problems;
    }

    private static void orgProblems(ControlMessage m, ControlType type, List<String> problems) {
        String orgProblem = OrgIds.problem(m.orgId);
        if (orgProblem != null) {
            problems.add(
                    "org_id: " + orgProblem + " (every " + m.type + " names the org it is for)");
        }
        if (type.sender == ControlType.Sender.TENANT_SUBJECT
                && (m.ruleId == null || m.ruleId.isBlank())) {
            problems.add("rule_id: missing (" + m.type + " names the rule or parser it is about)");
        }
        if (type.sender == ControlType.Sender.TENANT_TEXT && orgProblem == null) {
            textOrg(m, type, problems);
        }
    }

    /** A carried rule or configuration naming another org is refused before anyone compiles it. */
    private static void textOrg(ControlMessage m, ControlType type, List<String> problems) {
        if (m.payload == null || m.payload.isBlank()) {
            problems.add("payload: missing (the " + type.textName + " text)");
            return;
        }
        if (m.payload.length() > RuleParser.MAX_RULE_BYTES) {
            return; // over the size limit: the stage rejects it without reading it
        }
        String named = type.textOrg.apply(m.payload);
        if (named != null && !named.equals(m.orgId)) {
            problems.add(
                    "org: the text names org '"
                            + printable(named)
                            + "' but was sent for org '"
                            + m.orgId
                            + "'");
        }
    }

    /** At most 80 characters of a sender's text, without control characters. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
