package io.securitycoach.directory;

import io.securitycoach.records.DirectoryUpdate;
import io.securitycoach.schema.UserRecord;
import io.securitycoach.util.Tags;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import static io.securitycoach.TestEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

class DirectoryFunctionsTest {
    @Test
    void parsesDirectoryLinesAndDeadLettersTheRest() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, UserRecord> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseUserRecords("users.jsonl"))) {
            h.processElement("{\"org_id\":\"acme\",\"user_id\":\"u-1\",\"email\":\"a@acme.com\"}", 0);
            h.processElement("   ", 0);
            h.processElement("{oops", 0);
            assertThat(h.extractOutputValues()).extracting(u -> u.userId).containsExactly("u-1");
            assertThat(h.getSideOutput(Tags.DEAD_LETTERS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason + "@" + r.getValue().origin).isEqualTo("invalid_json@users.jsonl"));
        }
    }

    @Test
    void expandsAUserIntoOneUpdatePerIdentity() throws Exception {
        UserRecord alice = user("acme", "u-1", "Alice@Acme.com", 3, "ACME\\amartin", "amartin", "alice@acme.com");
        alice.deleted = true;
        try (OneInputStreamOperatorTestHarness<UserRecord, DirectoryUpdate> h =
                     new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new ExpandIdentities()))) {
            h.open();
            h.processElement(alice, 0);
            assertThat(h.extractOutputValues()).extracting(u -> u.identity + "->" + u.userId + "/v" + u.version + "/" + u.deleted)
                    .containsExactly("alice@acme.com->u-1/v3/true", "acme\\amartin->u-1/v3/true", "amartin->u-1/v3/true");
        }
    }
}
