package io.securitycoach.directory;

import static io.securitycoach.testing.EventBuilder.web;
import static io.securitycoach.testing.UserBuilder.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.util.Keys;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class EnricherTest {
    private static final long GRACE = 600_000;

    private static SecurityEvent resolved(String uid, String userId, long time) {
        SecurityEvent e = web("acme", uid, "alice@acme.com", time, "News");
        e.userId = userId;
        return e;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, SecurityEvent, UserRecord, SecurityEvent>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new Enricher(GRACE), Keys::user, Keys::user, Types.STRING);
    }

    @Test
    void userUpdatedBetweenTwoEventsEnrichesEachWithTheProfileOfItsTime() throws Exception {
        try (var h = harness()) {
            UserRecord v1 = user("acme", "u-1", "alice@acme.com", 1);
            v1.title = "Accountant";
            UserRecord v2 = user("acme", "u-1", "alice@acme.com", 2);
            v2.title = "Senior Accountant";
            h.processElement2(v1, 0);
            h.processElement1(resolved("e1", "u-1", 1000), 1000);
            h.processElement2(v2, 0);
            h.processElement1(resolved("e2", "u-1", 2000), 2000);
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.eventUid + ":" + e.user.title)
                    .containsExactly("e1:Accountant", "e2:Senior Accountant");
            assertThat(h.extractOutputValues().get(0).user.firstName).isEqualTo("First-u-1");
        }
    }

    @Test
    void deletedUserLeavesNoProfile() throws Exception {
        try (var h = harness()) {
            h.processElement2(user("acme", "u-1", "alice@acme.com", 1), 0);
            UserRecord gone = user("acme", "u-1", null, 2);
            gone.deleted = true;
            h.processElement2(gone, 0);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void resolvedEventWaitsForAProfileStillInFlight() throws Exception {
        try (var h = harness()) {
            h.processElement1(resolved("e1", "u-1", 1000), 1000);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement2(user("acme", "u-1", "alice@acme.com", 1), 0);
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.user.department)
                    .containsExactly("Finance");
        }
    }

    @Test
    void unresolvedEventsPassAndHeldOnesLeaveAfterGraceWithNoStateLeft() throws Exception {
        try (var h = harness()) {
            h.processElement1(web("acme", "e0", "ghost@acme.com", 500, "News"), 500);
            h.processElement1(resolved("e1", "u-404", 1000), 1000);
            assertThat(h.extractOutputValues()).extracting(e -> e.eventUid).containsExactly("e0");
            h.processBothWatermarks(new Watermark(1000 + GRACE));
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.eventUid + ":" + (e.user == null))
                    .containsExactly("e0:true", "e1:true");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
