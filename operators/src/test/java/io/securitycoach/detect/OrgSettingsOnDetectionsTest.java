package io.securitycoach.detect;

import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.Detection;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import static io.securitycoach.testing.EventBuilder.web;
import static org.assertj.core.api.Assertions.assertThat;

/** An org's signing secret and link domains travel from its settings onto its detections, and only its own. */
class OrgSettingsOnDetectionsTest {
    @Test
    void eachOrgsDetectionsCarryItsOwnSigningReferenceAndLinkDomains() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, SecurityEvent, ControlMessage, Detection> h =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new RuleDetector(), Keys::user,
                             Types.STRING, RuleDetector.RULES, RuleDetector.CONTROL, RuleDetector.ORG_SETTINGS)) {
            h.processBroadcastElement(ControlMessage.orgSettings("acme", 1, "{\"destinations\": {\"webhook\": "
                    + "\"aws-secrets-manager:coach/acme/webhook-url\"}, \"signing_secret\": "
                    + "\"aws-secrets-manager:coach/acme/webhook-signing\", \"link_domains\": [\"acme.com\"]}", "api"), 0);
            for (String org : new String[] {"acme", "globex"}) {
                h.processBroadcastElement(ControlMessage.upsert(RuleDetectorTest.rule(org, "g", 1,
                        "event.url_category == 'Gambling'", ""), org + ".yaml"), 0);
            }
            h.processBroadcastElement(ControlMessage.snapshotEnd("rules/"), 0);
            h.processElement(web("acme", "e1", "a@acme.com", 1000, "Gambling"), 1000);
            h.processElement(web("globex", "e2", "b@globex.io", 1000, "Gambling"), 1000);

            Detection acme = h.extractOutputValues().get(0);
            Detection globex = h.extractOutputValues().get(1);
            assertThat(acme.signingSecretRef).isEqualTo("aws-secrets-manager:coach/acme/webhook-signing");
            assertThat(acme.linkDomains).containsExactly("acme.com");
            assertThat(acme.destinationRefs).containsExactly("aws-secrets-manager:coach/acme/webhook-url");
            assertThat(globex.signingSecretRef).isNull();
            assertThat(globex.linkDomains).isEmpty();
        }
    }
}
