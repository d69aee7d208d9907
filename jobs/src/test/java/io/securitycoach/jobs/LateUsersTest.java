package io.securitycoach.jobs;

import io.securitycoach.TestEvents;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.schema.UserRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory part of the job on a MiniCluster with the users arriving only after every event has
 * entered the resolver: events wait, are released as their users arrive, and the rest go on unresolved.
 */
class LateUsersTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Opened once every event has passed into the graph; the directory source waits for it. */
    static final CountDownLatch EVENTS_IN = new CountDownLatch(4);

    @Test
    void eventsWaitForUsersThatArriveLater() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        long t = 1_795_170_000_000L;
        List<SecurityEvent> events = List.of(
                TestEvents.web("acme", "e1", "alice@acme.com", t, "News"),
                TestEvents.web("acme", "e2", "amartin", t + 1000, "News"),
                TestEvents.web("acme", "e3", "bob@acme.com", t + 2000, "News"),
                TestEvents.web("globex", "e4", "alice@acme.com", t + 3000, "News"));
        DataStream<SecurityEvent> eventStream = env.fromData(events, TypeInformation.of(SecurityEvent.class))
                .map(e -> {
                    EVENTS_IN.countDown();
                    return e;
                }).returns(SecurityEvent.class)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SecurityEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, ts) -> e.eventTime));
        // Bounded and without watermarks until it ends, like a directory file: nothing expires before it is read.
        DataStream<UserRecord> users = env.fromSequence(0, 0)
                .flatMap((Long ignored, org.apache.flink.util.Collector<UserRecord> out) -> {
                    assertThat(EVENTS_IN.await(60, TimeUnit.SECONDS)).isTrue();
                    Thread.sleep(500); // and let them reach the resolver
                    out.collect(TestEvents.user("acme", "u-1", "alice@acme.com", 1, "amartin"));
                    out.collect(TestEvents.user("acme", "u-2", "bob@acme.com", 1));
                }).returns(UserRecord.class).setParallelism(1);

        JobSettings settings = new JobSettings();
        List<SecurityEvent> out = new ArrayList<>();
        CoachJob.resolveAndEnrich(eventStream, users, settings).executeAndCollect().forEachRemaining(out::add);

        assertThat(out.stream().map(e -> e.eventUid + "=" + e.userId + "/" + e.resolution + "/"
                + (e.user == null ? "-" : e.user.department)).sorted().collect(Collectors.toList()))
                .containsExactly(
                        "e1=u-1/late/Finance",
                        "e2=u-1/late/Finance",     // resolved through the alias
                        "e3=u-2/late/Finance",
                        "e4=null/unresolved/-");   // globex has no alice: tenants never mix
    }
}
