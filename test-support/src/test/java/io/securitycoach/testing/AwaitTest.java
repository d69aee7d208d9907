package io.securitycoach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsAsSoonAsTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until("three polls", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsWithWhatWasAwaitedAndTheLastStateSeen() {
        assertThatThrownBy(
                        () ->
                                Await.until(
                                        "the moon",
                                        Duration.ofMillis(50),
                                        () -> false,
                                        () -> "still night"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the moon: not reached within 50 ms; still night");
    }

    @Test
    void aFailingCheckEndsTheWaitWithItsFailure() {
        assertThatThrownBy(
                        () ->
                                Await.until(
                                        "never",
                                        Duration.ofSeconds(10),
                                        () -> {
                                            throw new IllegalStateException("the job failed");
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the job failed");
    }

    @Test
    void valueReturnsTheFirstNonNullFound() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        String found =
                Await.value(
                        "a value",
                        Duration.ofSeconds(10),
                        () -> polls.incrementAndGet() < 2 ? null : "found at " + polls.get(),
                        () -> "");
        assertThat(found).isEqualTo("found at 2");
    }
}
