package io.securitycoach.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyLedgerTest {
    @Test
    void theFirstDeliveryOfAKeyIsNewAndEveryLaterOneARepeat() {
        IdempotencyLedger ledger = new IdempotencyLedger();

        assertThat(ledger.isRepeat("n-1")).isFalse();
        assertThat(ledger.isRepeat("n-1")).isTrue();
        assertThat(ledger.isRepeat("n-1")).isTrue();
        assertThat(ledger.isRepeat("n-2")).isFalse();

        assertThat(ledger.countsByKey()).isEqualTo(Map.of("n-1", 3, "n-2", 1));
    }

    @Test
    void aDeliveryWithoutAKeyIsNeverARepeatAndNotCounted() {
        IdempotencyLedger ledger = new IdempotencyLedger();

        assertThat(ledger.isRepeat(null)).isFalse();
        assertThat(ledger.isRepeat(null)).isFalse();

        assertThat(ledger.countsByKey()).isEmpty();
    }
}
