package io.securitycoach.directory;

import static io.securitycoach.testing.EventBuilder.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
    private static final long GRACE = 600_000;
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, SecurityEvent, DirectoryUpdate, SecurityEvent>
            h;

    @BeforeEach
    void open() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new IdentityResolver(GRACE), Keys::identity, Keys::identity, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static DirectoryUpdate binding(
            String org, String identity, String userId, long version, boolean deleted) {
        return new DirectoryUpdate(org, identity, userId, version, deleted);
    }

    private List<String> out() {
        return h.extractOutputValues().stream()
                .map(e -> e.eventUid + "=" + e.userId + "/" + e.resolution)
                .collect(Collectors.toList());
    }

    @Test
    void knownIdentityResolvesAtOnce() throws Exception {
        h.processElement2(binding("acme", "alice@acme.com", "u-1", 1, false), 0);
        h.processElement1(web("acme", "e1", "alice@acme.com", 1000, "News"), 1000);
        assertThat(out()).containsExactly("e1=u-1/resolved");
    }

    @Test
    void eventBeforeItsUserWaitsAndIsReleasedWhenTheUserArrives() throws Exception {
        h.processElement1(web("acme", "e1", "alice@acme.com", 1000, "News"), 1000);
        assertThat(out()).isEmpty();
        h.processElement2(binding("acme", "alice@acme.com", "u-1", 1, false), 2000);
        assertThat(out()).containsExactly("e1=u-1/late");
        h.processBothWatermarks(new Watermark(1000 + GRACE));
        assertThat(out()).as("released once only").hasSize(1);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).as("only the binding is left").isEqualTo(1);
    }

    @Test
    void graceExpiryReleasesUnresolvedAndLeavesNoState() throws Exception {
        h.processElement1(web("acme", "e1", "ghost@acme.com", 1000, "News"), 1000);
        h.processElement1(web("acme", "e2", "ghost@acme.com", 5000, "News"), 5000);
        h.processBothWatermarks(new Watermark(1000 + GRACE - 1));
        assertThat(out()).isEmpty();
        h.processBothWatermarks(new Watermark(1000 + GRACE));
        assertThat(out()).containsExactly("e1=null/unresolved");
        h.processBothWatermarks(new Watermark(5000 + GRACE));
        assertThat(out()).containsExactly("e1=null/unresolved", "e2=null/unresolved");
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void eventPastItsGraceGoesOnUnresolvedWithoutWaiting() throws Exception {
        h.processBothWatermarks(new Watermark(10 * GRACE));
        h.processElement1(web("acme", "e1", "ghost@acme.com", 1000, "News"), 1000);
        assertThat(out()).containsExactly("e1=null/unresolved");
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void releasedIdentityStopsResolvingAndAnotherUserCanTakeIt() throws Exception {
        h.processElement2(binding("acme", "shared@acme.com", "u-1", 1, false), 0);
        h.processElement1(web("acme", "e1", "shared@acme.com", 1000, "News"), 1000);
        h.processElement2(
                binding("acme", "shared@acme.com", "u-1", 2, true), 0); // u-1 renamed away from it
        h.processElement1(web("acme", "e2", "shared@acme.com", 2000, "News"), 2000);
        assertThat(out())
                .as("e2 waits: nobody owns the identity now")
                .containsExactly("e1=u-1/resolved");
        h.processElement2(binding("acme", "shared@acme.com", "u-2", 1, false), 0);
        assertThat(out()).containsExactly("e1=u-1/resolved", "e2=u-2/late");
    }

    @Test
    void releaseByAFormerOwnerDoesNotUnbindTheNewOne() throws Exception {
        h.processElement2(binding("acme", "shared@acme.com", "u-2", 1, false), 0);
        h.processElement2(binding("acme", "shared@acme.com", "u-1", 7, true), 0);
        h.processElement1(web("acme", "e1", "shared@acme.com", 1000, "News"), 1000);
        assertThat(out()).containsExactly("e1=u-2/resolved");
    }

    @Test
    void tenantsNeverShareAnIdentity() throws Exception {
        h.processElement2(binding("acme", "pat@shared.com", "acme-7", 1, false), 0);
        h.processElement1(web("globex", "g1", "pat@shared.com", 1000, "News"), 1000);
        h.processElement1(web("acme", "a1", "pat@shared.com", 1000, "News"), 1000);
        assertThat(out()).containsExactly("a1=acme-7/resolved");
        h.processBothWatermarks(new Watermark(1000 + GRACE));
        assertThat(out()).containsExactly("a1=acme-7/resolved", "g1=null/unresolved");
    }
}
