package io.securitycoach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HostGate}: per-host limits on calls in flight with a queue per host, and the circuit that
 * opens after consecutive failures. Calls here only record that they started; the test says when
 * each finishes.
 */
class HostGateTest {
    private final List<String> started = new ArrayList<>();

    private void submit(HostGate gate, String host, String call) {
        gate.submit(host, () -> started.add(call));
    }

    @Test
    void callsBeyondTheLimitWaitAndStartInOrderAsEarlierOnesFinish() {
        HostGate gate = new HostGate(2, 5, 60_000);
        for (String call : List.of("a1", "a2", "a3", "a4")) {
            submit(gate, "a.example", call);
        }
        assertThat(started).containsExactly("a1", "a2");
        gate.done("a.example", false);
        assertThat(started).containsExactly("a1", "a2", "a3");
        gate.done("a.example", true);
        assertThat(started)
                .as("a failure frees its place too")
                .containsExactly("a1", "a2", "a3", "a4");
    }

    @Test
    void aFullHostHoldsBackOnlyItsOwnCalls() {
        HostGate gate = new HostGate(1, 5, 60_000);
        submit(gate, "slow.example", "slow-1");
        submit(gate, "slow.example", "slow-2");
        submit(gate, "fast.example", "fast-1");
        assertThat(started).containsExactly("slow-1", "fast-1");
    }

    @Test
    void aPlaceFreedWithNothingWaitingIsThereForTheNextCall() {
        HostGate gate = new HostGate(1, 5, 60_000);
        submit(gate, "a.example", "first");
        gate.done("a.example", false);
        submit(gate, "a.example", "second");
        submit(gate, "a.example", "third");
        assertThat(started).containsExactly("first", "second");
    }

    @Test
    void theCircuitOpensAtTheConfiguredRunOfFailures() {
        HostGate gate = new HostGate(10, 3, 60_000);
        long before = System.currentTimeMillis();
        for (int i = 0; i < 2; i++) {
            submit(gate, "down.example", "call");
            gate.done("down.example", true);
        }
        assertThat(gate.openUntil("down.example")).as("two failures of three").isZero();
        submit(gate, "down.example", "call");
        gate.done("down.example", true);
        assertThat(gate.openUntil("down.example"))
                .isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
        assertThat(gate.openUntil("other.example")).as("per host").isZero();
    }

    @Test
    void aSuccessResetsTheRunAndClosesTheCircuit() {
        HostGate gate = new HostGate(10, 2, 60_000);
        for (boolean failure : new boolean[] {true, false, true}) {
            submit(gate, "h.example", "call");
            gate.done("h.example", failure);
        }
        assertThat(gate.openUntil("h.example")).as("failures apart are not consecutive").isZero();
        submit(gate, "h.example", "call");
        gate.done("h.example", true);
        assertThat(gate.openUntil("h.example")).isPositive();
        submit(gate, "h.example", "probe");
        gate.done("h.example", false);
        assertThat(gate.openUntil("h.example")).isZero();
    }

    @Test
    void anOpenCircuitReadsAsClosedOnceItsTimeHasPassed() throws Exception {
        HostGate gate = new HostGate(10, 1, 50);
        submit(gate, "h.example", "call");
        gate.done("h.example", true);
        assertThat(gate.openUntil("h.example")).isPositive();
        Await.until(
                "the circuit's 50 ms passed",
                Duration.ofSeconds(5),
                () -> gate.openUntil("h.example") == 0);
    }
}
