package io.securitycoach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job on the MiniCluster fed step by step through a queue source, read through a collecting sink.
 */
@ExtendWith(FlinkMiniCluster.class)
class QueueSourceAndCollectingSinkTest {
    @Test
    void theTestFeedsTheJobStepByStepAndReadsItsOutputWhileItRuns() throws Exception {
        QueueSource<String> in = QueueSource.of(String.class);
        CollectingSink<String> out = new CollectingSink<>();
        StreamExecutionEnvironment env = JobEnvironment.create();
        // One task after the source too: records keep the order they were added in (across tasks
        // they would not).
        in.stream(env).map(String::toUpperCase).setParallelism(1).sinkTo(out).setParallelism(1);
        JobClient job = env.executeAsync("queue to sink");

        in.add("first");
        Await.until(
                "the first record through",
                Duration.ofSeconds(60),
                () -> out.values().contains("FIRST"));
        assertThat(out.values()).containsExactly("FIRST");
        in.add("second");
        in.add("third");
        in.end();
        job.getJobExecutionResult().get();

        assertThat(out.values()).containsExactly("FIRST", "SECOND", "THIRD");
        assertThat(out.values(s -> s.startsWith("S"))).containsExactly("SECOND");
    }

    @Test
    void everyParallelWriterAddsToTheSameList() throws Exception {
        CollectingSink<Long> out = new CollectingSink<>();
        StreamExecutionEnvironment env = JobEnvironment.create();
        env.fromSequence(1, 1000).rebalance().sinkTo(out).setParallelism(2);
        env.execute("two writers");
        assertThat(out.values()).hasSize(1000).doesNotHaveDuplicates();
    }
}
