package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineReportTest {
    @Test
    void jsonHasTheKeysTheIssueNames() {
        PipelineReport r = new PipelineReport();
        r.workload = Workload.quick();
        r.events = 1000;
        r.eventsOut = 1200;
        r.warmUpEvents = 200;
        r.cpuSeconds = 2;
        r.wallSeconds = 1;
        r.passthroughEvents = 1000;
        r.passthroughCpuSeconds = 0.5;
        r.jacksonEvents = 1000;
        r.jacksonCpuSeconds = 0.1;
        r.cpuByOperator.put("normalize", 1.0);
        JsonNode j = r.toJson();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .contains(
                        "events",
                        "events_per_second",
                        "events_per_cpu_second",
                        "passthrough_events_per_cpu_second",
                        "jackson_events_per_cpu_second",
                        "ratio_to_passthrough",
                        "ratio_to_jackson",
                        "latency_ms",
                        "checkpoint_ms",
                        "state_bytes_per_user",
                        "audit_bytes_per_event",
                        "cpu_seconds_by_operator",
                        "shuffles_per_event",
                        "network_bytes_per_event",
                        "detections_digest");
        assertThat(
                        j.get("latency_ms").has("p50")
                                && j.get("latency_ms").has("p99")
                                && j.get("latency_ms").has("p999")
                                && j.get("latency_ms").has("max")
                                && j.get("latency_ms").has("p99_during_checkpoint")
                                && j.get("latency_ms").has("p99_outside_checkpoint"))
                .isTrue();
        assertThat(j.get("checkpoint_ms").has("p50") && j.get("checkpoint_ms").has("max")).isTrue();
        assertThat(j.get("latency_run").get("checkpoint_ms").has("p50")).isTrue();
        assertThat(j.get("latency_run").get("source_to_detect_ms").has("p99")).isTrue();
        assertThat(j.get("latency_run").get("detect_to_answer_ms").has("p99")).isTrue();
        assertThat(j.get("latency_run").has("cpu_share")).isTrue();
        assertThat(j.get("events_per_cpu_second").asLong()).isEqualTo(500);
        assertThat(j.get("ratio_to_passthrough").asDouble()).isEqualTo(0.25);
        assertThat(j.get("cpu_seconds_by_operator").get("normalize").asDouble()).isEqualTo(1.0);
        assertThat(j.get("details").has("jit_settled")).isTrue();
        assertThat(j.get("details").has("jit_compilation_seconds")).isTrue();
        assertThat(j.get("details").has("passthrough_jit_compilation_seconds")).isTrue();
        assertThat(j.get("details").has("directory_load_seconds")).isTrue();
        assertThat(j.get("details").has("host_slowdown")).isTrue();
    }

    /** An idle JVM's JIT settles; a give-up that already holds ends the wait unsettled. */
    @Test
    void theJitSettlesOnAnIdleJvmAndTheWaitEndsWhenGivenUp() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        assertThat(JitSettling.await(() -> System.currentTimeMillis() > deadline)).isTrue();
        long before = System.currentTimeMillis();
        assertThat(JitSettling.await(() -> true)).isFalse();
        assertThat(System.currentTimeMillis() - before).isLessThan(1_000);
    }

    @Test
    void eachLatencyIsSplitAtItsDetection() {
        LatencyConditions c = new LatencyConditions();
        // answer time, latency, the part after detection
        c.split(List.of(new long[] {1_000, 50, 20}, new long[] {2_000, 80, 30}));
        assertThat(c.sourceToDetect.max).isEqualTo(50);
        assertThat(c.detectToAnswer.max).isEqualTo(30);
        assertThat(c.detectToAnswer.count).isEqualTo(2);
    }

    @Test
    void rulesInAllAreSpreadOverTheOrgs() {
        Workload w = Workload.quick();
        w.orgs = 100;
        w.totalRules = 250L;
        long sum = 0;
        for (int o = 0; o < w.orgs; o++) {
            sum += w.rulesOf(o);
        }
        assertThat(sum).isEqualTo(250);
        assertThat(w.rulesOf(0)).isEqualTo(3);
        assertThat(w.rulesOf(99)).isEqualTo(2);
    }
}
