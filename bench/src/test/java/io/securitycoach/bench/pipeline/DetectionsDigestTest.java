package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionsDigestTest {
    @Test
    void theDigestIsTheSetNotTheOrder() {
        assertThat(DetectionsDigest.of(List.of("b", "a", "c")))
                .isEqualTo(DetectionsDigest.of(List.of("c", "b", "a")))
                .hasSize(64)
                .isNotEqualTo(DetectionsDigest.of(List.of("a", "b")));
    }

    @Test
    void theQuickWorkloadHasAStoredDigestAndAnotherSeedHasNone() {
        assertThat(DetectionsDigest.stored(Workload.quick())).hasSize(64);
        Workload other = Workload.quick();
        other.seed = 7;
        assertThat(DetectionsDigest.stored(other)).isNull();
    }
}
