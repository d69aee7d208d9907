package io.securitycoach.jobs;

import static io.securitycoach.testing.EventBuilder.web;
import static io.securitycoach.testing.UserBuilder.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.SecurityEvent;
import io.securitycoach.testing.Await;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The directory part of the job on a MiniCluster with the users arriving only after every event has
 * entered the resolver: events wait, are released as their users arrive, and the rest go on
 * unresolved.
 */
class LateUsersTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = FlinkMiniCluster.withMetrics();

    static final long T = 1_795_170_000_000L;
    static final List<SecurityEvent> EVENTS =
            List.of(
                    web("acme", "e1", "alice@acme.com", T, "News"),
                    web("acme", "e2", "amartin", T + 1000, "News"),
                    web("acme", "e3", "bob@acme.com", T + 2000, "News"),
                    web("globex", "e4", "alice@acme.com", T + 3000, "News"));

    /**
     * The directory, sent once the resolver has taken in every event (its records-in metric says
     * so).
     */
    static final class UsersAfterEvents extends RichFlatMapFunction<Long, UserRecord> {
        @Override
        public void flatMap(Long ignored, Collector<UserRecord> out) throws Exception {
            JobID job = getRuntimeContext().getJobInfo().getJobId();
            Await.until(
                    "every event in the resolver",
                    Duration.ofSeconds(60),
                    () -> recordsIntoResolver(job) >= EVENTS.size(),
                    () -> "records in " + recordsIntoResolver(job));
            out.collect(user("acme", "u-1", "alice@acme.com", 1, "amartin"));
            out.collect(user("acme", "u-2", "bob@acme.com", 1));
        }

        /** Its only input so far is the events: the users come from here. */
        private static long recordsIntoResolver(JobID job) {
            long in = 0;
            for (OperatorMetricGroup g :
                    CLUSTER.metrics().findOperatorMetricGroups(job, "Resolve identity")) {
                // a group seen while its operator is still being set up has no I/O metrics yet
                if (g.getIOMetricGroup() != null) {
                    in += g.getIOMetricGroup().getNumRecordsInCounter().getCount();
                }
            }
            return in;
        }
    }

    @Test
    void eventsWaitForUsersThatArriveLater() throws Exception {
        StreamExecutionEnvironment env = JobEnvironment.create();
        DataStream<SecurityEvent> eventStream =
                env.fromData(EVENTS, TypeInformation.of(SecurityEvent.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<SecurityEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.eventTime));
        // Bounded and without watermarks until it ends, like a directory file: nothing expires
        // before it is read.
        DataStream<UserRecord> users =
                env.fromSequence(0, 0)
                        .flatMap(new UsersAfterEvents())
                        .returns(UserRecord.class)
                        .setParallelism(1);

        JobSettings settings = new JobSettings();
        List<SecurityEvent> out = new ArrayList<>();
        CoachJob.resolveAndEnrich(eventStream, users, settings)
                .executeAndCollect()
                .forEachRemaining(out::add);

        assertThat(
                        out.stream()
                                .map(
                                        e ->
                                                e.eventUid
                                                        + "="
                                                        + e.userId
                                                        + "/"
                                                        + e.resolution
                                                        + "/"
                                                        + (e.user == null
                                                                ? "-"
                                                                : e.user.department))
                                .sorted()
                                .collect(Collectors.toList()))
                .containsExactly(
                        "e1=u-1/late/Finance",
                        "e2=u-1/late/Finance", // resolved through the alias
                        "e3=u-2/late/Finance",
                        "e4=null/unresolved/-"); // globex has no alice: tenants never mix
    }
}
