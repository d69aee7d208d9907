package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.records.AuditRecord;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed raw audit equals the input, line for line, after a crash and a restore, under every
 * checkpointing mode the job accepts (aligned and unaligned exactly-once); at-least-once, which
 * duplicates raw audit records on such a restore, is refused when the job is built. The crash comes
 * after a completed checkpoint while raw records are still in flight (the audit path is slowed so
 * that buffers fill and unaligned checkpoints persist in-flight data), so the restore replays
 * source splits and, when unaligned, in-flight data.
 */
class ExactlyOnceAcrossRestoreTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    private static final int COPIES = 30;
    static final AtomicBoolean CRASHED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    static final AtomicInteger RAW_SEEN = new AtomicInteger();

    @TempDir Path out;

    /**
     * Passes audit records on at a slow pace; throws once at a raw record after a completed
     * checkpoint (or, if none completes, late in the stream: the restore is then from the sources).
     */
    static final class CrashOnceMidStream extends RichMapFunction<AuditRecord, AuditRecord>
            implements CheckpointListener {
        @Override
        public AuditRecord map(AuditRecord r) throws Exception {
            if (!AuditStage.RAW.equals(r.stage) || CRASHED.get()) {
                return r;
            }
            int seen = RAW_SEEN.incrementAndGet();
            Thread.sleep(
                    1); // paces the audit path so that buffers upstream fill (not a timing check)
            if (((CHECKPOINTS.get() >= 1 && seen >= 300) || seen >= COPIES * 60)
                    && CRASHED.compareAndSet(false, true)) {
                throw new IOException("injected crash mid-stream, after a checkpoint");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }

    @ParameterizedTest(name = "unaligned={0}, raw and events stages with sinks of their own={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void rawAuditEqualsInputAfterACrashAndARestore(boolean unaligned, boolean perStage)
            throws Exception {
        CRASHED.set(false);
        CHECKPOINTS.set(0);
        RAW_SEEN.set(0);
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Path events = out.resolve("events");
        List<String> input = copyEvents(samples.resolve("events"), events);
        Path audit = out.resolve("audit");

        StreamExecutionEnvironment env = JobEnvironment.create();
        env.enableCheckpointing(100);
        env.getCheckpointConfig().enableUnalignedCheckpoints(unaligned);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 100));
        JobSources sources =
                new FileJobSources(
                        List.of(events.toUri().toString()),
                        samples.resolve("users").toUri().toString(),
                        RuleFiles.snapshot(samples.resolve("rules"), samples.resolve("parsers")),
                        null);
        CoachJob.build(env, sources, crashingSinks(audit, perStage), new JobSettings());
        env.execute("exactly-once across a restore");

        assertThat(CRASHED).as("the crash was injected").isTrue();
        List<String> rawAudited =
                AuditTrail.read(audit, AuditStage.RAW).stream()
                        .map(r -> r.get("payload").asText())
                        .sorted()
                        .collect(Collectors.toList());
        assertThat(rawAudited)
                .as("each input line audited raw exactly once")
                .hasSize(input.size())
                .isEqualTo(input);
    }

    /**
     * The audit trail's file sinks behind the crashing map: one shared sink, or (as the job's own
     * sinks do) sinks of their own chained to the raw and events stages, the crash in the raw one.
     */
    private static JobSinks crashingSinks(Path audit, boolean perStage) {
        String root = audit.toUri().toString();
        return new JobSinks() {
            @Override
            public void attach(DataStream<AuditRecord> stream) {
                stream.map(new CrashOnceMidStream())
                        .name("Crash once")
                        .setParallelism(1)
                        .sinkTo(AuditSinks.files(root))
                        .name("Audit trail");
            }

            @Override
            public boolean auditPerStage() {
                return perStage;
            }

            @Override
            public void attachStage(String stage, DataStream<AuditRecord> lines) {
                AuditSinks.ownSink(
                        stage,
                        lines.map(new CrashOnceMidStream())
                                .setParallelism(lines.getParallelism())
                                .name("Crash once: " + stage),
                        root);
            }
        };
    }

    @Test
    void atLeastOnceCheckpointsAreRefusedWithAClearError() {
        StreamExecutionEnvironment env = JobEnvironment.create();
        env.enableCheckpointing(100);
        env.getCheckpointConfig().setCheckpointingConsistencyMode(CheckpointingMode.AT_LEAST_ONCE);
        JobSources sources =
                new FileJobSources(
                        List.of(out.resolve("events").toUri().toString()),
                        out.resolve("users").toUri().toString(),
                        List.of(),
                        null);
        JobSinks sinks = stream -> stream.sinkTo(AuditSinks.files(out.toUri().toString()));

        assertThatThrownBy(() -> CoachJob.build(env, sources, sinks, new JobSettings()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AT_LEAST_ONCE is refused")
                .hasMessageContaining("execution.checkpointing.mode: EXACTLY_ONCE");
    }

    /**
     * Each sample drop copied {@link #COPIES} times under the same org/vendor; the sorted lines.
     */
    private static List<String> copyEvents(Path from, Path to) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            Path folder = to.resolve(from.relativize(file.getParent()).toString());
            Files.createDirectories(folder);
            List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < COPIES; i++) {
                String name = file.getFileName().toString().replace(".jsonl", "-" + i + ".jsonl");
                Files.write(folder.resolve(name), content, StandardCharsets.UTF_8);
                content.stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        Collections.sort(lines);
        return lines;
    }
}
