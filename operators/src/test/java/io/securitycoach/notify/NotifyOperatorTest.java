package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The notifier inside Flink's async operator: a notification that outlives the operator timeout
 * still ends with a status.
 */
class NotifyOperatorTest {
    @Test
    void operatorTimeoutBecomesAFailedStatusNotAJobFailure() throws Exception {
        NotifierSettings settings = NotifierSettings.allChannelsTo("http://127.0.0.1:1");
        settings.initialBackoffMillis = 10_000;
        settings.signingSecretRef = null; // retries would take far longer than the operator allows
        AsyncWaitOperatorFactory<Notification, DeliveryStatus> factory =
                new AsyncWaitOperatorFactory<>(
                        new Notifier(settings), 300, 10, AsyncDataStream.OutputMode.UNORDERED);
        try (OneInputStreamOperatorTestHarness<Notification, DeliveryStatus> h =
                new OneInputStreamOperatorTestHarness<>(
                        factory,
                        TypeInformation.of(Notification.class)
                                .createSerializer(new SerializerConfigImpl()))) {
            h.open();
            Notification n = new Notification();
            n.notificationId = "d1:webhook";
            n.detectionId = "d1";
            n.orgId = "acme";
            n.channel = "webhook";
            n.eventUids = new String[] {"e1"};
            h.processElement(n, 0);
            h.setProcessingTime(h.getProcessingTime() + 1_000); // past the 300 ms operator timeout
            h.endInput(); // drains the operator's mailbox: the timeout's result is emitted
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
                                assertThat(s.reason).isEqualTo("async_timeout");
                                assertThat(s.notificationId).isEqualTo("d1:webhook");
                            });
        }
    }
}
