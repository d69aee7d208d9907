package io.securitycoach.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.detect.RuleDetector;
import io.securitycoach.jobs.JobUids;
import io.securitycoach.rules.RuleProgress;
import io.securitycoach.testing.FlinkMiniCluster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 28, finding 6: {@code RuleProgress} gained {@code valuesHashed} when {@code distinct}
 * started keeping hashes. The stored savepoints of earlier layouts (heap and RocksDB) still read
 * with today's serializer (Flink migrates the POJO), and their progress says it holds values as
 * they were written, not hashes, so the engine hashes them on first use ({@code DistinctHashesTest}
 * covers that step; {@code RestoreEarlierStateLayoutsTest} the whole job).
 */
class RuleProgressOfEarlierLayoutsTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    static List<Path> fixtures() throws Exception {
        return RestoreEarlierStateLayoutsTest.fixtures().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void progressOfAnEarlierLayoutReadsWithTodaysTypeAndIsMarkedAsNotHashed(Path fixture)
            throws Exception {
        String backend = fixture.getFileName().toString();
        SavepointReader reader =
                SavepointReader.read(
                        StateTool.environment(1),
                        fixture.toUri().toString(),
                        StateTool.backend(backend));
        List<String> progress =
                SavepointState.collect(
                        reader.readKeyedState(
                                OperatorIdentifier.forUid(JobUids.DETECT),
                                new ProgressLines(),
                                Types.STRING,
                                Types.STRING),
                        "read rule progress");
        assertThat(progress)
                .as("ana's threshold progress: two denials before the savepoint")
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains(
                                                "0a000000-0000-4000-8000-000000000001",
                                                "0a000000-0000-4000-8000-000000000003")
                                        .endsWith("values=[null, null] hashed=false"));
    }

    /** Each progress as a line (and a line per key: the reader stops at a key without output). */
    static final class ProgressLines extends KeyedStateReaderFunction<String, String> {
        private transient MapState<String, RuleProgress> progress;

        @Override
        public void open(Configuration parameters) {
            progress = getRuntimeContext().getMapState(RuleDetector.PROGRESS);
        }

        @Override
        public void readKey(String key, Context ctx, Collector<String> out) throws Exception {
            out.collect(key);
            for (Map.Entry<String, RuleProgress> e : progress.entries()) {
                RuleProgress p = e.getValue();
                out.collect(
                        e.getKey()
                                + " uids="
                                + Arrays.toString(p.uids)
                                + " values="
                                + Arrays.toString(p.values)
                                + " hashed="
                                + p.valuesHashed);
            }
        }
    }
}
