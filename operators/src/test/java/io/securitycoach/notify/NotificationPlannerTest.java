package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.rules.Detection;
import io.securitycoach.util.Tags;
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
        try (OneInputStreamOperatorTestHarness<Detection, Notification> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new NotificationPlanner(settings))) {
            h.processElement(detection("d1", "live", "alice", "slack", "webhook"), 0);
            h.processElement(detection("d2", "staged", "alice", "slack"), 0);
            h.processElement(detection("d3", "live", null, "slack"), 0);
            h.processElement(detection("d4", "live", "alice", "teams"), 0);

            List<Notification> out = h.extractOutputValues();
            assertThat(out).extracting(n -> n.notificationId).containsExactly("d1:slack", "d1:webhook");
            assertThat(out.get(0).text).isEqualTo("Hi Alice. You opened bet.example (Gambling). See https://learn.example.com/modules/aup");
            List<String> skipped = h.getSideOutput(Tags.SKIPPED_DELIVERIES).stream()
                    .map(r -> r.getValue()).map(s -> s.notificationId + ":" + s.status + ":" + s.reason)
                    .collect(Collectors.toList());
            assertThat(skipped).containsExactly("d2:slack:skipped:staged_rule", "d3:slack:skipped:user_not_in_directory",
                    "d4:teams:skipped:channel_not_configured");
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
