package io.securitycoach.savepoints;

import static io.securitycoach.testing.UserBuilder.user;
import static io.securitycoach.testing.UserBuilder.userRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * A dump's final word per person and per identity, as the batch writer job (sorted by key, one key
 * held at a time) works it out: dumps repeat people, out of order, and people claim one address.
 */
class DirectoryDumpTest {
    private static final int CROWD = 300; // many keys per task, so a per-key mix-up shows

    @Test
    void eachPersonKeepsTheirNewestRecordWhateverTheOrder() throws Exception {
        List<UserRecord> dump = crowd();
        dump.add(user("acme", "alice", "alice@acme.example", 1));
        dump.add(user("acme", "alice", "alice.new@acme.example", 3));
        dump.add(user("acme", "alice", "alice.mid@acme.example", 2));
        dump.add(user("acme", "bob", "bob@acme.example", 5));
        dump.add(userRecord("acme", "bob").version(6).deleted().build());
        dump.add(user("globex", "alice", "alice@globex.example", 1)); // same id, other org

        Map<String, UserRecord> newest =
                collect(env -> DirectoryDump.newestRecords(source(env, dump))).stream()
                        .collect(Collectors.toMap(r -> r.orgId + "/" + r.userId, r -> r));

        assertThat(newest).hasSize(CROWD + 3);
        assertThat(newest.get("acme/alice").email).isEqualTo("alice.new@acme.example");
        assertThat(newest.get("acme/bob").deleted).isTrue();
        assertThat(newest.get("globex/alice").version).isEqualTo(1);
        assertThat(newest.get("crowd/u7").email).isEqualTo("u7@crowd.example");
    }

    @Test
    void anIdentityBelongsToItsNewestClaimAndOnATieToTheGreaterUserId() throws Exception {
        List<UserRecord> dump = crowd();
        dump.add(user("acme", "old", "shared@acme.example", 1));
        dump.add(user("acme", "new", "shared@acme.example", 2));
        dump.add(user("acme", "amy", "tie@acme.example", 4));
        dump.add(user("acme", "zed", "tie@acme.example", 4));
        dump.add(user("acme", "gone", "gone@acme.example", 1));
        dump.add(userRecord("acme", "gone").version(2).deleted().build());
        dump.add(user("acme", "moved", "before@acme.example", 1));
        dump.add(user("acme", "moved", "after@acme.example", 2));

        Map<String, String> owners =
                collect(
                                env ->
                                        DirectoryDump.identityOwners(
                                                DirectoryDump.newestRecords(source(env, dump))))
                        .stream()
                        .collect(Collectors.toMap(u -> u.orgId + "/" + u.identity, u -> u.userId));

        assertThat(owners).containsEntry("acme/shared@acme.example", "new");
        assertThat(owners).containsEntry("acme/tie@acme.example", "zed");
        assertThat(owners).containsEntry("acme/after@acme.example", "moved");
        assertThat(owners).doesNotContainKeys("acme/gone@acme.example", "acme/before@acme.example");
        assertThat(owners).containsEntry("crowd/u7@crowd.example", "u7");
        assertThat(owners).hasSize(CROWD + 3);
    }

    private static List<UserRecord> crowd() {
        List<UserRecord> people = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            people.add(user("crowd", "u" + i, "u" + i + "@crowd.example", 1));
        }
        return people;
    }

    private static DataStream<UserRecord> source(
            StreamExecutionEnvironment env, List<UserRecord> dump) {
        return env.fromData(dump, TypeInformation.of(UserRecord.class));
    }

    private static <T> List<T> collect(Function<StreamExecutionEnvironment, DataStream<T>> job)
            throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it =
                job.apply(StateTool.writerEnvironment(2)).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
