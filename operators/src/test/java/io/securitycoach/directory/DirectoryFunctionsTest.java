package io.securitycoach.directory;

import static io.securitycoach.testing.UserBuilder.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.UserRecord;
import io.securitycoach.util.Keys;
import io.securitycoach.util.Tags;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryFunctionsTest {
    private static final long RETENTION = 86_400_000L;
    private KeyedOneInputStreamOperatorTestHarness<String, UserRecord, UserRecord> changes;

    @BeforeEach
    void open() throws Exception {
        changes =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DirectoryChanges(RETENTION), Keys::user, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        changes.close();
    }

    private List<String> identityChanges() {
        return changes.getSideOutput(Tags.IDENTITY_CHANGES).stream()
                .map(r -> r.getValue())
                .map(u -> (u.deleted ? "-" : "+") + u.identity + "@" + u.userId + "/v" + u.version)
                .collect(Collectors.toList());
    }

    private List<Long> acceptedVersions() {
        return changes.extractOutputValues().stream()
                .map(u -> u.version)
                .collect(Collectors.toList());
    }

    @Test
    void newUserBindsEveryIdentity() throws Exception {
        changes.processElement(
                user("acme", "u-1", "Alice@Acme.com", 1, "ACME\\amartin", "amartin"), 0);
        assertThat(identityChanges())
                .containsExactly(
                        "+alice@acme.com@u-1/v1", "+acme\\amartin@u-1/v1", "+amartin@u-1/v1");
        assertThat(acceptedVersions()).containsExactly(1L);
    }

    @Test
    void renamedEmailMovesTheIdentity() throws Exception {
        changes.processElement(user("acme", "u-1", "alice@acme.com", 1, "amartin"), 0);
        changes.processElement(user("acme", "u-1", "alice.martin@acme.com", 2, "amartin"), 0);
        assertThat(identityChanges())
                .containsExactly(
                        "+alice@acme.com@u-1/v1",
                        "+amartin@u-1/v1",
                        "-alice@acme.com@u-1/v2",
                        "+alice.martin@acme.com@u-1/v2");
    }

    @Test
    void userUpdatedWithoutIdentityChangesGoesOnToEnrichmentOnly() throws Exception {
        changes.processElement(user("acme", "u-1", "alice@acme.com", 1), 0);
        UserRecord promoted = user("acme", "u-1", "alice@acme.com", 2);
        promoted.title = "Senior Accountant";
        changes.processElement(promoted, 0);
        assertThat(identityChanges()).containsExactly("+alice@acme.com@u-1/v1");
        assertThat(changes.extractOutputValues())
                .extracting(u -> u.title)
                .containsExactly(null, "Senior Accountant");
    }

    @Test
    void deleteBeatsALateOlderUpsertAndItsTombstoneExpires() throws Exception {
        changes.processElement(user("acme", "u-1", "alice@acme.com", 1, "amartin"), 0);
        UserRecord tombstone = new UserRecord();
        tombstone.orgId = "acme";
        tombstone.userId = "u-1";
        tombstone.version = 3;
        tombstone.deleted = true; // a delete need not repeat the identities: we remember them
        changes.processElement(tombstone, 0);
        changes.processElement(user("acme", "u-1", "alice@acme.com", 2, "amartin"), 0);
        assertThat(identityChanges())
                .containsExactly(
                        "+alice@acme.com@u-1/v1",
                        "+amartin@u-1/v1",
                        "-alice@acme.com@u-1/v3",
                        "-amartin@u-1/v3");
        assertThat(acceptedVersions()).containsExactly(1L, 3L);

        changes.setProcessingTime(RETENTION);
        assertThat(changes.numKeyedStateEntries()).as("tombstone removed after retention").isZero();
        assertThat(changes.numProcessingTimeTimers()).isZero();
    }

    @Test
    void tenantsAreKeyedApart() throws Exception {
        changes.processElement(user("acme", "u-1", "pat@shared.com", 5), 0);
        changes.processElement(user("globex", "u-1", "pat@shared.com", 1), 0);
        assertThat(acceptedVersions())
                .as("globex's v1 is not stale against acme's v5")
                .containsExactly(5L, 1L);
    }

    @Test
    void parsesDirectoryLinesAndDeadLettersTheRest() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, UserRecord> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseUserRecords("users.jsonl"))) {
            h.processElement(
                    "{\"org_id\":\"acme\",\"user_id\":\"u-1\",\"email\":\"a@acme.com\"}", 0);
            h.processElement("   ", 0);
            h.processElement("{oops", 0);
            assertThat(h.extractOutputValues()).extracting(u -> u.userId).containsExactly("u-1");
            assertThat(h.getSideOutput(Tags.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(r.getValue().reason + "@" + r.getValue().origin)
                                            .isEqualTo("invalid_json@users.jsonl"));
        }
    }
}
