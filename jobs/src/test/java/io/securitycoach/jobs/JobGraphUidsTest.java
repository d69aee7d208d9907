package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.notify.NotifierSettings;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Savepoints map state to operators by uid: an operator without an explicit uid gets one derived
 * from the graph's shape, and the next change to the graph orphans its state. Every node of the
 * job's graph (the embedded wiring, with the status webhook on) must carry a uid we chose.
 */
class JobGraphUidsTest {

    @Test
    void everyOperatorOfTheJobHasAnExplicitUid() {
        StreamGraph graph = embeddedJobGraph();
        Set<String> missing = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                missing.add(node.getOperatorName());
            }
        }
        assertThat(missing).as("operators without uid(...)").isEmpty();
    }

    @Test
    void uidsAreUnique() {
        StreamGraph graph = embeddedJobGraph();
        Set<String> seen = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            assertThat(seen.add(node.getTransformationUID()))
                    .as("uid %s used twice", node.getTransformationUID())
                    .isTrue();
        }
        assertThat(seen)
                .contains(
                        "normalize",
                        "resolve-identity",
                        "enrich",
                        "detect",
                        "plan-notifications",
                        "notify",
                        "status-webhook");
    }

    /**
     * Feed samples are added up in the normalize task that makes them: the combiner must chain to
     * normalize, or every record's sample still crosses to a task of its own.
     */
    @Test
    void theFeedSampleCombinerRunsInTheNormalizeTask() {
        JobGraph job = embeddedJobGraph().getJobGraph();
        List<String> tasks = new ArrayList<>();
        for (JobVertex v : job.getVertices()) {
            tasks.add(v.getName());
        }
        assertThat(tasks)
                .filteredOn(name -> name.contains("Combine feed samples"))
                .singleElement()
                .asString()
                .contains("Normalize vendor events");
    }

    private static StreamGraph embeddedJobGraph() {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobSettings settings = new JobSettings();
        settings.notifier = NotifierSettings.allChannelsTo("http://127.0.0.1:9");
        settings.notifier.statusWebhookRef = "env:COACH_STATUS_WEBHOOK_URL";
        JobSources sources =
                new FileJobSources(
                        List.of(samples.resolve("events").toUri().toString()),
                        samples.resolve("users").toUri().toString(),
                        RuleFiles.snapshot(samples.resolve("rules"), samples.resolve("parsers")),
                        null);
        CoachJob.build(env, sources, AuditSinks.auditOnly("file:///tmp/unused-audit"), settings);
        return env.getStreamGraph(false);
    }
}
