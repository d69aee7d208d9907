package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.jobs.CoachJob;
import io.securitycoach.jobs.JobSettings;
import io.securitycoach.jobs.JobSinks;
import io.securitycoach.jobs.JobSources;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The crossings an event's records make in the job's own graph, parallelism 2 as in the load run:
 * five along its path (vendor records keyed to the ingest fair share, on to normalization, keyed to
 * the resolver, keyed to the enricher, on to detection); its raw and events audit lines one each
 * into their own sinks (tasks of their own by default, so closing part files at a checkpoint holds
 * no event), none when those sinks are chained to their stages. With one shared audit sink (sinks
 * that do not take the busy stages apart) the audit lines add three: the raw map on the union of
 * vendor and fetched records, and both stages' lines into the shared sink.
 */
class GraphShufflesTest {
    private static final String ROOT = "file:///tmp/unused-audit";

    @Test
    void anEventCrossesFiveTaskBoundariesAndItsAuditLinesOneEachIntoTheirOwnSinks() {
        GraphShuffles s = shuffles(AuditSinks.auditOnly(ROOT), new JobSettings());
        assertThat(s.perEvent).isEqualTo(7);
        assertThat(s.crossings.stream().filter(c -> c.endsWith("(RESCALE)")))
                .hasSize(2)
                .allMatch(c -> c.contains("=> Audit trail: "));
    }

    @Test
    void withChainedStageSinksItsAuditLinesCrossNone() {
        JobSettings chained = new JobSettings();
        chained.auditSinksChained = true;
        GraphShuffles s = shuffles(AuditSinks.auditOnly(ROOT), chained);
        assertThat(s.crossings).hasSize(5);
        assertThat(s.perEvent).isEqualTo(5);
        assertThat(s.crossings.stream().map(c -> c.substring(c.lastIndexOf('('))))
                .containsExactly("(HASH)", "(FORWARD)", "(HASH)", "(HASH)", "(FORWARD)");
        assertThat(s.crossings.get(4)).contains("=> Detect with customer rules");
    }

    @Test
    void aSharedAuditSinkAddsTwoCrossings() {
        JobSinks shared = audit -> AuditSinks.shared(audit, ROOT);
        assertThat(shuffles(shared, new JobSettings()).perEvent).isEqualTo(7);
    }

    private static GraphShuffles shuffles(JobSinks sinks, JobSettings settings) {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSources sources =
                new FileJobSources(
                        List.of(samples.resolve("events").toUri().toString()),
                        samples.resolve("users").toUri().toString(),
                        RuleFiles.snapshot(samples.resolve("rules"), samples.resolve("parsers")),
                        null);
        CoachJob.build(env, sources, sinks, settings);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        return GraphShuffles.of(graph, PipelineJob.EVENT_FILES_SOURCE);
    }
}
