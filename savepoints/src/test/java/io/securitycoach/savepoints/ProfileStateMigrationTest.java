package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.directory.Enricher;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.records.serial.UserProfileSerializer;
import io.securitycoach.schema.UserProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The enricher's profiles in savepoints of earlier layouts, which the POJO serializer wrote, read
 * through today's descriptor and its compact serializer: Flink migrates them on restore, field for
 * field (part one's directory: Ana in Engineering, Ben in Sales).
 */
class ProfileStateMigrationTest {
    static Stream<Path> fixtures() throws IOException {
        return RestoreEarlierStateLayoutsTest.fixtures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void profilesWrittenByThePojoSerializerReadBackFieldForField(Path savepoint) throws Exception {
        assertThat(Enricher.PROFILE.getSerializer()).isSameAs(UserProfileSerializer.INSTANCE);
        String backend = savepoint.getFileName().toString();
        StreamExecutionEnvironment env = StateTool.environment(1);
        SavepointReader reader =
                SavepointReader.read(env, savepoint.toUri().toString(), StateTool.backend(backend));
        List<UserProfile> profiles = new ArrayList<>();
        try (CloseableIterator<UserProfile> it =
                reader.readKeyedState(OperatorIdentifier.forUid(JobUids.ENRICH), new Profiles())
                        .executeAndCollect()) {
            it.forEachRemaining(profiles::add);
        }
        Map<String, UserProfile> byUser =
                profiles.stream().collect(Collectors.toMap(p -> p.userId, Function.identity()));
        assertThat(byUser).containsOnlyKeys("u-9001", "u-9002");
        UserProfile ana = byUser.get("u-9001");
        assertThat(ana.email).isEqualTo("ana.costa@acme.com");
        assertThat(ana.firstName).isEqualTo("Ana");
        assertThat(ana.lastName).isEqualTo("Costa");
        assertThat(ana.department).isEqualTo("Engineering");
        assertThat(ana.title).isEqualTo("Engineer");
        assertThat(ana.location).isEqualTo("Lisbon");
        assertThat(ana.managerEmail).isNull();
        assertThat(ana.tags).isEmpty();
        assertThat(byUser.get("u-9002").department).isEqualTo("Sales");
    }

    /** Each key's profile, through the job's own descriptor. */
    static class Profiles extends KeyedStateReaderFunction<String, UserProfile> {
        private transient ValueState<UserProfile> profile;

        @Override
        public void open(Configuration parameters) {
            profile = getRuntimeContext().getState(Enricher.PROFILE);
        }

        @Override
        public void readKey(String key, Context ctx, Collector<UserProfile> out) throws Exception {
            UserProfile p = profile.value();
            if (p != null) {
                out.collect(p);
            }
        }
    }
}
