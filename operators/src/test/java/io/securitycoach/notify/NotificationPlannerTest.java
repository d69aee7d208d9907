package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.rules.Detection;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPlannerTest {
    private static Detection detection(String id, String mode, String userId, String... channels) {
        Detection d = new Detection();
        d.detectionId = id;
        d.identityKey = userId == null ? "ghost@acme.com" : userId + "@acme.com";
        d.orgId = "acme";
        d.ruleId = "gambling";
        d.mode = mode;
        d.userId = userId;
        d.userEmail = userId == null ? null : userId + "@acme.com";
        d.firstName = "Alice";
        d.summary = "You opened bet.example (Gambling).";
        d.coachModule = "aup";
        d.channels = channels;
        d.messageTemplate = "Hi {first_name}. {summary} See {module_url}";
        return d;
    }

    @Test
    void oneNotificationPerChannelAndASkippedStatusForTheRest() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.endpoints.remove("teams");
        try (KeyedOneInputStreamOperatorTestHarness<String, Detection, Notification> h = harness(settings)) {
            h.processElement(detection("d1", "live", "alice", "slack", "webhook"), 0);
            h.processElement(detection("d2", "staged", "alice", "slack"), 0);
            h.processElement(detection("d3", "live", null, "slack"), 0);
            h.processElement(detection("d4", "live", "alice", "teams"), 0);

            List<Notification> out = h.extractOutputValues();
            assertThat(out).extracting(n -> n.notificationId).containsExactly("d1:slack", "d1:webhook");
            assertThat(out.get(0).text).as("the vendor's host name is defanged, the module link is ours")
                    .isEqualTo("Hi Alice. You opened bet[.]example (Gambling). "
                            + "See https://learn.example.com/modules/aup");
            List<String> skipped = h.getSideOutput(Tags.SKIPPED_DELIVERIES).stream()
                    .map(r -> r.getValue()).map(s -> s.notificationId + ":" + s.status + ":" + s.reason)
                    .collect(Collectors.toList());
            assertThat(skipped).containsExactly("d2:slack:skipped:staged_rule", "d3:slack:skipped:user_not_in_directory",
                    "d4:teams:skipped:channel_not_configured");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Detection, Notification> harness(NotifierSettings settings)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new NotificationPlanner(settings), Keys::user, Types.STRING);
    }

    @Test
    void aUserGetsAtMostTheDailyCapAndTheOrgsDestinationIsAttached() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.dailyCapPerUser = 2;
        try (KeyedOneInputStreamOperatorTestHarness<String, Detection, Notification> h = harness(settings)) {
            h.setProcessingTime(10 * 86_400_000L + 1000);
            for (int i = 1; i <= 3; i++) {
                Detection d = detection("d" + i, "live", "alice", "slack");
                d.destinationChannels = new String[] {"teams", "slack"};
                d.destinationRefs = new String[] {"env:ACME_TEAMS_URL", "env:ACME_SLACK_TOKEN"};
                h.processElement(d, 0);
            }
            h.processElement(detection("b1", "live", "bob", "slack"), 0);
            h.setProcessingTime(11 * 86_400_000L + 1000);
            h.processElement(detection("d4", "live", "alice", "slack"), 0);
            assertThat(h.extractOutputValues()).extracting(n -> n.notificationId + "@" + n.destinationRef)
                    .containsExactly("d1:slack@env:ACME_SLACK_TOKEN", "d2:slack@env:ACME_SLACK_TOKEN", "b1:slack@null",
                            "d4:slack@null");
            assertThat(h.getSideOutput(Tags.SKIPPED_DELIVERIES)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().notificationId + ":" + r.getValue().reason).isEqualTo("d3:slack:daily_cap"));
        }
    }

    @Test
    void quietHoursHoldMessagesUntilMorningOrDropThem() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        try (KeyedOneInputStreamOperatorTestHarness<String, Detection, Notification> h = harness(settings)) {
            long evening = java.time.Instant.parse("2026-11-20T21:30:00Z").toEpochMilli(); // 22:30 in Berlin
            h.setProcessingTime(evening);
            Detection held = detection("d1", "live", "alice", "slack");
            held.quietStart = "22:00";
            held.quietEnd = "07:00";
            held.quietZone = "Europe/Berlin";
            held.quietMode = "hold";
            h.processElement(held, 0);
            Detection dropped = detection("d2", "live", "bob", "slack");
            dropped.quietStart = "22:00";
            dropped.quietEnd = "07:00";
            dropped.quietZone = "Europe/Berlin";
            dropped.quietMode = "drop";
            h.processElement(dropped, 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(Tags.SKIPPED_DELIVERIES)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason).isEqualTo("quiet_hours"));
            h.setProcessingTime(java.time.Instant.parse("2026-11-21T05:59:00Z").toEpochMilli()); // 06:59 Berlin
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(java.time.Instant.parse("2026-11-21T06:00:00Z").toEpochMilli()); // 07:00 Berlin
            assertThat(h.extractOutputValues()).extracting(n -> n.notificationId).containsExactly("d1:slack");
            assertThat(h.numKeyedStateEntries()).as("only the daily count is left").isEqualTo(1);
        }
    }

    @Test
    void vendorTextIsDefangedUnlessTheOrgAllowsItsDomainAndCarriesTheOrgsSigningReference() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        try (KeyedOneInputStreamOperatorTestHarness<String, Detection, Notification> h = harness(settings)) {
            Detection d = detection("d1", "live", "alice", "slack");
            d.summary = "*URGENT* sign in again at https://evil.example/login or at https://learn.acme.com/x";
            d.messageTemplate = "{summary}";
            d.linkDomains = new String[] {"acme.com"};
            d.signingSecretRef = "env:COACH_ORG_ACME__WEBHOOK_SIGNING";
            h.processElement(d, 0);

            Notification n = h.extractOutputValues().get(0);
            assertThat(n.text).isEqualTo("*URGENT* sign in again at hxxps://evil[.]example/login"
                    + " or at https://learn.acme.com/x");
            assertThat(n.summary).isEqualTo(n.text);
            assertThat(n.signingSecretRef).isEqualTo("env:COACH_ORG_ACME__WEBHOOK_SIGNING");
        }
    }

    @Test
    void failedDeliveriesBecomeDeadLettersAndStillReachTheAudit() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeliveryStatus, DeliveryStatus> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new FailedDeliveries())) {
            DeliveryStatus ok = new DeliveryStatus();
            ok.notificationId = "d1:slack";
            ok.status = DeliveryStatus.DELIVERED;
            DeliveryStatus bad = new DeliveryStatus();
            bad.notificationId = "d2:slack";
            bad.status = DeliveryStatus.FAILED;
            bad.reason = "retries_exhausted:http_503";
            bad.attempts = 6;
            bad.httpStatus = 503;
            h.processElement(ok, 0);
            h.processElement(bad, 0);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.getSideOutput(Tags.DEAD_LETTERS)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.getValue().reason).isEqualTo("delivery_failed");
                        assertThat(r.getValue().message).contains("retries_exhausted:http_503").contains("6 attempt");
                        assertThat(r.getValue().origin).isEqualTo("d2:slack");
                    });
        }
    }
}
