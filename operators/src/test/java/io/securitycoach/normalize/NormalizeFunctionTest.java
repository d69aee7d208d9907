package io.securitycoach.normalize;

import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Tags;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeFunctionTest {
    @Test
    void goodRecordsGoOnAndBadOnesToTheDeadLetterOutput() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawEvent, SecurityEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new NormalizeFunction())) {
            long now = System.currentTimeMillis();
            String okta = "{\"uuid\":\"u1\",\"published\":\"" + java.time.Instant.ofEpochMilli(now - 60_000)
                    + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"a@acme.com\"},\"outcome\":{\"result\":\"SUCCESS\"}}";
            h.processElement(new RawEvent("acme", "okta", okta, "f:1", now), now);
            h.processElement(new RawEvent("acme", "okta", "{broken", "f:2", now), now);

            List<SecurityEvent> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.eventUid).containsExactly("u1");
            List<String> reasons = h.getSideOutput(Tags.DEAD_LETTERS).stream()
                    .map(r -> r.getValue().reason + "@" + r.getValue().origin).collect(Collectors.toList());
            assertThat(reasons).containsExactly("invalid_json@f:2");
        }
    }
}
