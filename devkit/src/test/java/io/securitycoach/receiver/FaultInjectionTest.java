package io.securitycoach.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    @Test
    void noRatesMeanNoInjectedAnswers() throws Exception {
        FaultInjection faults = new FaultInjection(0, 0, 0, 0, 42);
        for (int i = 0; i < 100; i++) {
            assertThat(faults.next()).isNull();
        }
    }

    @Test
    void everyRequestFailsAtFullFailRateAndIsThrottledAtFullThrottleRate() throws Exception {
        Answer failed = new FaultInjection(1, 0, 0, 0, 42).next();
        assertThat(failed.status).isEqualTo(503);
        assertThat(failed.delivery).isFalse();
        assertThat(failed.body).contains("injected 503");

        Answer throttled = new FaultInjection(0, 1, 0, 0, 42).next();
        assertThat(throttled.status).isEqualTo(429);
        assertThat(throttled.delivery).isFalse();
    }

    @Test
    void theSharesFollowTheSeedSoARunCanBeRepeated() throws Exception {
        FaultInjection a = new FaultInjection(0.3, 0.2, 0, 0, 7);
        FaultInjection b = new FaultInjection(0.3, 0.2, 0, 0, 7);
        int injected = 0;
        for (int i = 0; i < 1000; i++) {
            Answer x = a.next();
            Answer y = b.next();
            assertThat(x == null ? 200 : x.status).isEqualTo(y == null ? 200 : y.status);
            injected += x == null ? 0 : 1;
        }
        assertThat(injected).isBetween(430, 570);
    }
}
