package io.securitycoach.jobs.wiring.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.control.ControlIntake;
import io.securitycoach.control.ControlRoutes;
import io.securitycoach.control.ControlStage;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.records.ControlMessage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a running job, the continuous control snapshot behind the control intake sends its messages,
 * then the end of event time (detection, which reads it as its second input, takes the smaller of
 * its inputs' watermarks), and stays running.
 */
class ControlSnapshotEventTimeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();

    @Test
    void theOpenControlStreamDoesNotHoldEventTimeBack() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FileJobSources.ruleSnapshot(env, List.of(ControlMessage.snapshotEnd("rules")), false)
                .process(new ControlIntake())
                .setParallelism(1)
                .getSideOutput(ControlRoutes.to(ControlStage.DETECT))
                .transform("Record", Types.VOID, new Recorder())
                .setParallelism(1);
        JobClient job = env.executeAsync("open control stream");
        try {
            assertThat(SEEN.poll(60, TimeUnit.SECONDS)).isEqualTo(ControlMessage.SNAPSHOT_END);
            assertThat(SEEN.poll(60, TimeUnit.SECONDS)).isEqualTo("watermark " + Long.MAX_VALUE);
            Thread.sleep(500);
            assertThat(job.getJobStatus().get())
                    .as("the control stream stays open")
                    .isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Reports records and watermarks as they arrive. */
    static final class Recorder extends AbstractStreamOperator<Void>
            implements OneInputStreamOperator<ControlMessage, Void> {
        @Override
        public void processElement(StreamRecord<ControlMessage> element) {
            SEEN.add(element.getValue().type);
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            SEEN.add("watermark " + mark.getTimestamp());
            super.processWatermark(mark);
        }
    }
}
