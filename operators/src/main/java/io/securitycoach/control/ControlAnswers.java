package io.securitycoach.control;

import io.securitycoach.records.ControlStatus;
import io.securitycoach.util.SideOutputs;
import io.securitycoach.util.Tags;
import org.apache.flink.api.common.functions.RuntimeContext;

/** Every task applies every control message; task 0 answers it, so each message gets one status. */
public final class ControlAnswers {
    private final boolean answering;

    public ControlAnswers(RuntimeContext context) {
        this.answering = context.getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    /** Sends {@code status} (none when null) if this task is the one that answers. */
    public void answer(ControlStatus status, SideOutputs out) {
        if (answering && status != null) {
            out.output(Tags.RULE_STATUS, status);
        }
    }
}
