package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass-through yardstick writes every raw line exactly once (its figures mean nothing
 * otherwise).
 */
class PassThroughJobTest {
    @TempDir Path dir;

    @Test
    void writesEveryLineOnce() throws Exception {
        Workload w = Workload.quick();
        w.orgs = 3;
        w.usersPerOrg = 10;
        w.events = 600;
        WorkloadFiles files = WorkloadFiles.write(w, dir.resolve("input"));
        files.release();
        Configuration conf = BenchCluster.configuration(dir.resolve("checkpoints"));
        StreamExecutionEnvironment env = BenchCluster.environment(conf, 2, 200);
        PassThroughJob.build(env, files.events, dir.resolve("out"));
        try (BenchCluster job = BenchCluster.submit(env, conf, 2)) {
            job.awaitEnd();
        }
        List<String> written = new ArrayList<>();
        for (String line : committedLines(dir.resolve("out"))) {
            JsonNode raw = Json.mapper().readTree(line);
            written.add(raw.get("payload").asText());
        }
        assertThat(written).containsExactlyInAnyOrderElementsOf(inputLines(files.events));
    }

    private static List<String> inputLines(Path root) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path f : regularFiles(root)) {
            lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static List<String> committedLines(Path root) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path f : regularFiles(root)) {
            if (!f.getFileName().toString().startsWith(".")) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static List<Path> regularFiles(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
