package io.securitycoach.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.integrations.PageAcknowledgements.State;
import org.junit.jupiter.api.Test;

/** Which vendor-side pages are in a completed checkpoint. */
class PageAcknowledgementsTest {
    @Test
    void aPageIsSettledOnlyByACompletedCheckpointTakenAfterIt() {
        PageAcknowledgements acks = new PageAcknowledgements(true);
        assertThat(acks.state("acme/netskope", "alerts/dlp")).isEqualTo(State.UNKNOWN);
        acks.fetched("acme/netskope", "alerts/dlp");
        assertThat(acks.state("acme/netskope", "alerts/dlp")).isEqualTo(State.PENDING);
        acks.completed(4); // taken before the page: does not hold it
        assertThat(acks.state("acme/netskope", "alerts/dlp")).isEqualTo(State.PENDING);
        acks.snapshotted(5);
        acks.fetched("acme/netskope", "alerts/uba"); // after checkpoint 5 was taken
        acks.completed(5);
        assertThat(acks.state("acme/netskope", "alerts/dlp")).isEqualTo(State.SETTLED);
        assertThat(acks.state("acme/netskope", "alerts/uba")).isEqualTo(State.PENDING);
        acks.snapshotted(6);
        acks.snapshotted(7);
        acks.completed(7); // 6's notification skipped: 7 covers it
        assertThat(acks.state("acme/netskope", "alerts/uba")).isEqualTo(State.SETTLED);
    }

    @Test
    void lostForgottenAndUncheckedPages() {
        PageAcknowledgements acks = new PageAcknowledgements(true);
        acks.confirmed("acme/netskope", "alerts/dlp");
        acks.lost("acme/netskope", "alerts/dlp");
        assertThat(acks.state("acme/netskope", "alerts/dlp")).isEqualTo(State.UNKNOWN);
        acks.fetched("acme/netskope", "events/page");
        acks.forget("acme/netskope");
        assertThat(acks.state("acme/netskope", "events/page")).isEqualTo(State.UNKNOWN);
        acks.fetched("acme/netskope", "events/page");
        acks.trustAll(); // the final fetch of a bounded run
        assertThat(acks.state("acme/netskope", "events/page")).isEqualTo(State.SETTLED);
        PageAcknowledgements unchecked = PageAcknowledgements.unchecked();
        unchecked.fetched("acme/netskope", "alerts/dlp");
        assertThat(unchecked.state("acme/netskope", "alerts/dlp")).isEqualTo(State.SETTLED);
    }
}
