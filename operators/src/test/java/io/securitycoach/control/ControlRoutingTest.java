package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.detect.RuleDetector;
import io.securitycoach.integrations.IntegrationPoller;
import io.securitycoach.integrations.IntegrationSettings;
import io.securitycoach.normalize.NormalizeFunction;
import io.securitycoach.notify.NotificationPlanner;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.ControlStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.records.RawEvent;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 26: every control type goes to the stages its row of the routing table names and is
 * answered by its owner only, with one status. The intake and the three stages run as they do in
 * the job (the intake's side outputs feed each stage's broadcast input).
 */
class ControlRoutingTest {
    @ParameterizedTest
    @EnumSource(ControlType.class)
    void everyTypeReachesItsStagesAndOnlyItsOwnerAnswers(ControlType type) throws Exception {
        ControlMessage m = ControlSamples.of(type);
        Routed routed = Routed.through(m);

        boolean fromOutside = type.sender != ControlType.Sender.JOB_INTERNAL;
        ControlStage answerer = fromOutside ? type.owner : ControlStage.INTAKE;
        Set<ControlStage> stages = EnumSet.noneOf(ControlStage.class);
        if (fromOutside) {
            stages.addAll(type.route());
            stages.remove(ControlStage.INTAKE);
        }

        assertThat(routed.reached).as("stages that got %s", type).isEqualTo(stages);
        assertThat(routed.answeredBy)
                .as("who answered %s (one status, from its owner)", type)
                .containsExactly(answerer);
    }

    /** The intake, then each stage with what the intake sent it; who answered. */
    private static final class Routed {
        final Set<ControlStage> reached = EnumSet.noneOf(ControlStage.class);
        final List<ControlStage> answeredBy = new ArrayList<>();

        static Routed through(ControlMessage m) throws Exception {
            Routed r = new Routed();
            try (OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> intake =
                    ProcessFunctionTestHarnesses.forProcessFunction(new ControlIntake())) {
                intake.processElement(m, 0);
                r.answered(ControlStage.INTAKE, statuses(intake.getSideOutput(Tags.RULE_STATUS)));
                r.normalize(messages(intake, ControlStage.NORMALIZE));
                r.detect(messages(intake, ControlStage.DETECT));
                r.notify(messages(intake, ControlStage.NOTIFY));
                r.integrations(messages(intake, ControlStage.INTEGRATIONS));
            }
            return r;
        }

        void normalize(List<ControlMessage> routed) throws Exception {
            try (BroadcastOperatorTestHarness<RawEvent, ControlMessage, SecurityEvent> h =
                    ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                            new NormalizeFunction(),
                            NormalizeFunction.PARSERS,
                            NormalizeFunction.PARSERS_READY,
                            NormalizeFunction.ORG_FEEDS)) {
                for (ControlMessage m : routed) {
                    reached.add(ControlStage.NORMALIZE);
                    h.processBroadcastElement(m, 0);
                }
                answered(ControlStage.NORMALIZE, statuses(h.getSideOutput(Tags.RULE_STATUS)));
            }
        }

        void detect(List<ControlMessage> routed) throws Exception {
            try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection>
                    h =
                            ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                    new RuleDetector(),
                                    Keys::user,
                                    Types.STRING,
                                    RuleDetector.RULES,
                                    RuleDetector.CONTROL)) {
                for (ControlMessage m : routed) {
                    reached.add(ControlStage.DETECT);
                    h.processBroadcastElement(m, 0);
                }
                answered(ControlStage.DETECT, statuses(h.getSideOutput(Tags.RULE_STATUS)));
            }
        }

        void notify(List<ControlMessage> routed) throws Exception {
            try (KeyedBroadcastOperatorTestHarness<String, Detection, ControlMessage, Notification>
                    h =
                            ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                    new NotificationPlanner(
                                            NotifierSettings.allChannelsTo("http://127.0.0.1:9")),
                                    Keys::user,
                                    Types.STRING,
                                    NotificationPlanner.ORG_SETTINGS)) {
                for (ControlMessage m : routed) {
                    reached.add(ControlStage.NOTIFY);
                    h.processBroadcastElement(m, 0);
                }
                answered(ControlStage.NOTIFY, statuses(h.getSideOutput(Tags.RULE_STATUS)));
            }
        }

        void integrations(List<ControlMessage> routed) throws Exception {
            try (KeyedOneInputStreamOperatorTestHarness<String, ControlMessage, RawEvent> h =
                    ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                            new IntegrationPoller(
                                    new IntegrationSettings(),
                                    NotifierSettings.allChannelsTo("http://127.0.0.1:9")),
                            m -> m.orgId + "/" + m.ruleId,
                            Types.STRING)) {
                for (ControlMessage m : routed) {
                    reached.add(ControlStage.INTEGRATIONS);
                    h.processElement(m, 0);
                }
                answered(ControlStage.INTEGRATIONS, statuses(h.getSideOutput(Tags.RULE_STATUS)));
            }
        }

        void answered(ControlStage stage, List<ControlStatus> statuses) {
            statuses.forEach(s -> answeredBy.add(stage));
        }
    }

    static List<ControlMessage> messages(
            OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> intake,
            ControlStage stage) {
        var out = intake.getSideOutput(ControlRoutes.to(stage));
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    static List<ControlStatus> statuses(Queue<StreamRecord<ControlStatus>> side) {
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }
}
