package io.securitycoach.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.control.OrgSettingsHandover;
import io.securitycoach.control.OrgSettingsValidator;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import io.securitycoach.validation.Problems;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Before state layout 3 the detect stage held org settings: a restored detect task hands them to
 * the notify stage once (then forgets them), followed by the end of the hand-over.
 */
class OrgSettingsHandoverTest {
    /**
     * What the detect stage of layout 2 did with org settings: keep them in its broadcast state.
     */
    static final class LayoutTwoDetector
            extends KeyedBroadcastProcessFunction<
                    String, SecurityEvent, ControlMessage, Detection> {
        @Override
        public void processElement(
                SecurityEvent e, ReadOnlyContext ctx, Collector<Detection> out) {}

        @Override
        public void processBroadcastElement(
                ControlMessage msg, Context ctx, Collector<Detection> out) throws Exception {
            ctx.getBroadcastState(OrgSettingsHandover.LEGACY_ORG_SETTINGS)
                    .put(
                            msg.orgId,
                            OrgSettingsValidator.parse(
                                    msg.orgId, msg.version, msg.payload, new Problems()));
        }
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, SecurityEvent, ControlMessage, Detection>
            harness(
                    KeyedBroadcastProcessFunction<String, SecurityEvent, ControlMessage, Detection>
                            fn,
                    OperatorSubtaskState from)
                    throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                fn,
                                from == null
                                        ? List.of(OrgSettingsHandover.LEGACY_ORG_SETTINGS)
                                        : List.of(RuleDetector.RULES, RuleDetector.CONTROL)),
                        Keys::user,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        h.initializeState(from);
        h.open();
        return h;
    }

    private static List<String> handedOver(
            KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h) {
        return h.getSideOutput(Tags.ORG_SETTINGS_HANDOVER) == null
                ? List.of()
                : h.getSideOutput(Tags.ORG_SETTINGS_HANDOVER).stream()
                        .map(StreamRecord::getValue)
                        .map(
                                m ->
                                        m.type
                                                + (m.orgId == null
                                                        ? ""
                                                        : " "
                                                                + m.orgId
                                                                + " v"
                                                                + m.version
                                                                + " "
                                                                + OrgSettingsHandover.settingsOf(m)
                                                                        .securityTeam))
                        .collect(Collectors.toList());
    }

    @Test
    void aRestoredDetectTaskHandsItsOrgSettingsOverOnceAndForgetsThem() throws Exception {
        OperatorSubtaskState layoutTwo;
        try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection>
                old = harness(new LayoutTwoDetector(), null)) {
            old.processBroadcastElement(
                    ControlMessage.orgSettings(
                            "acme",
                            3,
                            "{\"branding\": {\"security_team\": \"Acme Security\"}}",
                            "api"),
                    0);
            layoutTwo = old.snapshot(1, 0);
        }
        OperatorSubtaskState afterHandover;
        try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h =
                harness(new RuleDetector(), layoutTwo)) {
            h.processBroadcastElement(ControlMessage.snapshotEnd("s"), 0);
            h.processBroadcastElement(ControlMessage.snapshotEnd("s"), 0);
            assertThat(handedOver(h))
                    .containsExactly(
                            "org_settings_handover acme v3 Acme Security",
                            "org_settings_handover_end");
            afterHandover = h.snapshot(2, 0);
        }
        try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h =
                harness(new RuleDetector(), afterHandover)) {
            h.processBroadcastElement(ControlMessage.snapshotEnd("s"), 0);
            assertThat(handedOver(h))
                    .as("forgotten: only the end again")
                    .containsExactly("org_settings_handover_end");
        }
    }
}
