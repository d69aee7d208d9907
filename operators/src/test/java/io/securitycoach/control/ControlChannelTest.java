package io.securitycoach.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.records.ControlMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 28, finding 4: the org comes from the channel. Written as the attacker: evil's own channel
 * trying to speak for acme, and to send what only the operator or the job sends.
 */
class ControlChannelTest {
    private static final ControlChannel EVIL = ControlChannel.ofOrg("evil");

    @Test
    void anOrgsChannelCarriesItsOwnMessagesUnchanged() {
        ControlMessage own = ControlMessage.delete("evil", "r", 2, "api");
        assertThat(EVIL.admit(own)).isSameAs(own);
    }

    @Test
    void aMessageForAnotherOrgIsRefusedUnderTheChannelsOrg() {
        for (ControlType type : ControlType.values()) {
            if (!type.sender.tenant()) {
                continue;
            }
            ControlMessage forged = ControlSamples.of(type); // names acme
            ControlMessage admitted = EVIL.admit(forged);
            assertThat(admitted.type).as("%s", type).isEqualTo(ControlMessage.REFUSED);
            assertThat(admitted.orgId)
                    .as("filed under the sender, never the victim")
                    .isEqualTo("evil");
            assertThat(admitted.reasons())
                    .containsExactly(
                            "org_id: this channel speaks for org 'evil' only; the message names"
                                    + " org 'acme'");
        }
        ControlMessage noOrg = ControlMessage.upsert(ControlSamples.RULE, "api");
        assertThat(EVIL.admit(noOrg).reasons())
                .containsExactly(
                        "org_id: this channel speaks for org 'evil' only; the message names no"
                                + " org");
    }

    @Test
    void forgedJobMessagesOperatorTypesAndUnknownTypesNeverPass() {
        for (ControlType type : ControlType.values()) {
            if (type.sender.tenant()) {
                continue;
            }
            ControlMessage forged = ControlSamples.of(type);
            assertThat(EVIL.admit(forged).type)
                    .as("%s on evil's channel", type)
                    .isEqualTo(ControlMessage.REFUSED);
            assertThat(EVIL.admit(forged).orgId).isEqualTo("evil");
            boolean operatorMay = type.sender == ControlType.Sender.OPERATOR;
            assertThat(ControlChannel.OPERATOR.admit(forged) == forged)
                    .as("%s on the operator's channel", type)
                    .isEqualTo(operatorMay);
        }
        ControlMessage forgedRefusal =
                ControlMessage.refused("acme", "r", 1, List.of("your rule is gone"), "x");
        assertThat(EVIL.admit(forgedRefusal).reasons())
                .containsExactly(
                        "type: 'refused' is the job's own, never read from a control channel");
        ControlMessage odd = ControlMessage.delete("evil", "r", 1, "api");
        odd.type = "rule_explode";
        assertThat(EVIL.admit(odd).reasons())
                .containsExactly("type: unknown control message type 'rule_explode'");
    }

    @Test
    void aChannelIsNamedByAValidOrgId() {
        assertThatThrownBy(() -> ControlChannel.ofOrg("../acme"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ControlChannel.OPERATOR.isOperator()).isTrue();
        assertThat(EVIL.org()).isEqualTo("evil");
    }
}
