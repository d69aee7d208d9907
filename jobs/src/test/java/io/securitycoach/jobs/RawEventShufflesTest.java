package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.records.RawEvent;
import io.securitycoach.records.serial.RawEventSerializer;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Every stream of vendor records in the job, from every kind of source a configuration can name
 * (drop folders with replay progress, per-org and shared Kinesis streams, shared prefixes), the
 * integrations and the fair share, is written and read with the compact {@link RawEventSerializer};
 * a source of the POJO type is refused when the job is built.
 */
class RawEventShufflesTest {

    @Test
    void everyRawEventEdgeUsesTheCompactSerializer() {
        Set<String> writers = new TreeSet<>();
        Set<String> readers = new TreeSet<>();
        for (boolean bounded : new boolean[] {true, false}) {
            StreamGraph graph = jobGraph(new ConfiguredSources(everySource(bounded)));
            collectRawEventNodes(graph, writers, readers);
        }
        assertThat(writers)
                .contains(
                        JobUids.SOURCE_EVENTS,
                        JobUids.REPLAY_PROGRESS,
                        JobUids.SOURCE_EVENTS_KINESIS,
                        JobUids.SOURCE_EVENTS_SHARED_KINESIS,
                        JobUids.SOURCE_EVENTS_SHARED_FILES,
                        JobUids.OPEN_SHARED_ENVELOPES,
                        JobUids.INTEGRATION_POLLER,
                        JobUids.INGEST_QUOTA);
        assertThat(readers).contains(JobUids.INGEST_QUOTA, JobUids.NORMALIZE);
    }

    /** Asserts the compact serializer on every RawEvent input and output; notes their uids. */
    private static void collectRawEventNodes(
            StreamGraph graph, Set<String> writers, Set<String> readers) {
        for (StreamNode node : graph.getStreamNodes()) {
            if (isRawEvent(node.getTypeSerializerOut())) {
                assertThat(node.getTypeSerializerOut())
                        .as("output of %s", node.getOperatorName())
                        .isInstanceOf(RawEventSerializer.class);
                writers.add(node.getTransformationUID());
            }
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                if (isRawEvent(in)) {
                    assertThat(in)
                            .as("input of %s", node.getOperatorName())
                            .isInstanceOf(RawEventSerializer.class);
                    readers.add(node.getTransformationUID());
                }
            }
        }
    }

    @Test
    void aSourceOfThePojoTypeIsRefused() {
        JobSources pojo =
                new JobSources() {
                    @Override
                    public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
                        return env.fromData(
                                List.of(new RawEvent("acme", "okta", "{}", "t:1", 1L)),
                                TypeInformation.of(RawEvent.class));
                    }

                    @Override
                    public DataStream<String> users(StreamExecutionEnvironment env) {
                        return env.fromData(List.of("{}"), Types.STRING);
                    }

                    @Override
                    public DataStream<ControlMessage> control(StreamExecutionEnvironment env) {
                        return env.fromData(
                                List.of(new ControlMessage()),
                                TypeInformation.of(ControlMessage.class));
                    }
                };
        assertThatThrownBy(() -> jobGraph(pojo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must produce RawEventTypeInfo.INSTANCE");
    }

    private static boolean isRawEvent(TypeSerializer<?> serializer) {
        return serializer != null && serializer.createInstance() instanceof RawEvent;
    }

    private static StreamGraph jobGraph(JobSources sources) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        CoachJob.build(env, sources, AuditSinks.auditOnly("file:///tmp/unused-audit"), settings);
        return env.getStreamGraph(false);
    }

    /**
     * Drop folders and shared prefixes; bounded, with the replay progress map, or continuous, with
     * the per-org and shared Kinesis streams too (a bounded run reads no stream).
     */
    private static CoachConfig everySource(boolean bounded) {
        String samples = Paths.get(System.getProperty("coach.home", "..")).toString();
        Map<String, String> events = new HashMap<>();
        events.put("paths", "/tmp/events");
        events.put("shared.paths", "/tmp/events/_shared");
        if (!bounded) {
            events.put("kinesis.streams", "s1=acme/okta");
            events.put("shared.kinesis.streams", "shared,keyed=partition-key");
        }
        return CoachConfig.of(
                Map.of(
                        "Events",
                        events,
                        "Directory",
                        Map.of("path", "/tmp/users"),
                        "Rules",
                        Map.of("path", samples + "/samples/rules"),
                        "Audit",
                        Map.of("path", "/tmp/audit"),
                        "Kinesis",
                        Map.of("region", "eu-west-1"),
                        "Job",
                        Map.of("bounded", String.valueOf(bounded))));
    }
}
