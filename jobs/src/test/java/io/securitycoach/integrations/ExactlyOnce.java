package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/** The exactly-once assertions every vendor's job test makes after its run. */
final class ExactlyOnce {
    private ExactlyOnce() {}

    /** Waits a checkpoint more: a duplicate, were there one, would be committed by then. */
    static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    /**
     * Each fetched {@code what} is in the raw audit once, the audit holds exactly the expected
     * ones, and the stand-in served exactly those (some perhaps more than once).
     */
    static void audited(
            String what, List<String> fetched, List<String> expected, Collection<String> served) {
        assertThat(fetched).as("each " + what + " once in the raw audit").doesNotHaveDuplicates();
        assertThat(fetched).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new HashSet<>(served)).isEqualTo(new HashSet<>(expected));
    }

    /** The run's injected task failure happened: its map saw at least {@code failAfter} records. */
    static void failedOnce(String runId, int failAfter) {
        assertThat(IntegrationJobHarness.SEEN.get(runId).get()).isGreaterThanOrEqualTo(failAfter);
    }
}
