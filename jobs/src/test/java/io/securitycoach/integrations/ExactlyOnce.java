package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

/** The exactly-once assertions every vendor's job test makes after its run. */
final class ExactlyOnce {
    private ExactlyOnce() {}

    /**
     * Waits until the raw audit holds every expected record and the detections number at least
     * {@code detections}.
     */
    static void awaitAuditedAndDetected(
            Path audit,
            Supplier<List<String>> fetched,
            List<String> expected,
            int detections,
            Duration timeout)
            throws Exception {
        Await.until(
                "every record audited and detected",
                timeout,
                () ->
                        new HashSet<>(fetched.get()).containsAll(expected)
                                && IntegrationJobHarness.detectedEvents(audit).size() >= detections,
                () ->
                        "have "
                                + fetched.get().size()
                                + " raw, "
                                + IntegrationJobHarness.detectedEvents(audit).size()
                                + " detections");
    }

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
