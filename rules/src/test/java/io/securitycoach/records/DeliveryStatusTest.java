package io.securitycoach.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.rules.Detection;
import org.junit.jupiter.api.Test;

/**
 * The two ways a delivery status comes to be: skipped by the planner, attempted by the notifier.
 */
class DeliveryStatusTest {
    @Test
    void skippedCarriesTheDetectionsIdentityAndWhyNothingWasSent() {
        Detection d = new Detection();
        d.detectionId = "det-1";
        d.orgId = "acme";
        d.ruleId = "gambling";
        d.userId = "u-1";

        DeliveryStatus s = DeliveryStatus.skipped(d, "slack", "det-1:slack", "quiet_hours", 1_000L);

        assertThat(s.notificationId).isEqualTo("det-1:slack");
        assertThat(s.detectionId).isEqualTo("det-1");
        assertThat(s.orgId).isEqualTo("acme");
        assertThat(s.ruleId).isEqualTo("gambling");
        assertThat(s.userId).isEqualTo("u-1");
        assertThat(s.channel).isEqualTo("slack");
        assertThat(s.status).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(s.reason).isEqualTo("quiet_hours");
        assertThat(s.time).isEqualTo(1_000L);
        assertThat(s.attempts).isZero();
        assertThat(s.httpStatus).isZero();
        assertThat(s.latencyMs).isZero();
        assertThat(s.sinceDetectionMs).isZero();
        assertThat(s.detail).isNull();
    }

    @Test
    void attemptedMeasuresLatencyFromTheFirstAttemptAndFromTheDetection() {
        Notification n = new Notification();
        n.notificationId = "det-2:teams";
        n.detectionId = "det-2";
        n.orgId = "acme";
        n.ruleId = "mfa-push";
        n.userId = "u-2";
        n.channel = "teams";
        n.detectTime = 9_000L;

        DeliveryStatus s =
                DeliveryStatus.attempted(
                        n,
                        DeliveryStatus.FAILED,
                        3,
                        503,
                        "retries_exhausted:http_503",
                        "busy",
                        9_500L,
                        10_000L);

        assertThat(s.notificationId).isEqualTo("det-2:teams");
        assertThat(s.detectionId).isEqualTo("det-2");
        assertThat(s.orgId).isEqualTo("acme");
        assertThat(s.ruleId).isEqualTo("mfa-push");
        assertThat(s.userId).isEqualTo("u-2");
        assertThat(s.channel).isEqualTo("teams");
        assertThat(s.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.attempts).isEqualTo(3);
        assertThat(s.httpStatus).isEqualTo(503);
        assertThat(s.reason).isEqualTo("retries_exhausted:http_503");
        assertThat(s.detail).isEqualTo("busy");
        assertThat(s.time).isEqualTo(10_000L);
        assertThat(s.latencyMs).isEqualTo(500L);
        assertThat(s.sinceDetectionMs).isEqualTo(1_000L);
    }

    @Test
    void withoutADetectionTimeTheWaitSinceDetectionIsNotMade() {
        Notification n = new Notification();
        n.notificationId = "det-3:webhook";

        DeliveryStatus s =
                DeliveryStatus.attempted(
                        n, DeliveryStatus.DELIVERED, 1, 200, null, null, 100L, 150L);

        assertThat(s.sinceDetectionMs).isZero();
        assertThat(s.latencyMs).isEqualTo(50L);
    }
}
