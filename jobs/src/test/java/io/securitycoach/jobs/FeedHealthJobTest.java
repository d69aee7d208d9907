package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.testing.FlinkMiniCluster;
import io.securitycoach.testing.JobEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's Zscaler feed changes its template mid-stream (the time field is renamed): the job
 * says so with a feed_health status on the rule-status stream, and again once good records dilute
 * it.
 */
class FeedHealthJobTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    private static String record(int n, boolean brokenTemplate) {
        String time =
                brokenTemplate
                        ? "\"ts\":\"2026-11-20 10:05:00\""
                        : "\"datetime\":\"2026-11-20 10:05:00\"";
        return "{\"sourcetype\":\"zscalernss-web\",\"event\":{"
                + time
                + ",\"event_id\":\""
                + (8_000_000 + n)
                + "\",\"user\":\"alice.martin@acme.com\",\"urlcategory\":\"News\",\"url\":\"news.example/"
                + n
                + "\",\"action\":\"Allowed\"}}";
    }

    @Test
    void aFeedThatStartsSendingABrokenTemplateIsReportedAndItsRecoveryToo() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Path feed = out.resolve("events/acme/zscaler");
        Files.createDirectories(feed);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            lines.add(record(n, n >= 60 && n < 80));
        }
        Files.write(feed.resolve("feed.jsonl"), lines);

        Path audit = out.resolve("audit");
        StreamExecutionEnvironment env = JobEnvironment.create();
        CoachJob.build(
                env,
                new FileJobSources(
                        List.of(out.resolve("events").toUri().toString()),
                        samples.resolve("users").toUri().toString(),
                        List.of(ControlMessage.snapshotEnd("test")),
                        null),
                AuditSinks.auditOnly(audit.toUri().toString()),
                new JobSettings());
        env.execute("feed-health");

        List<JsonNode> health =
                AuditTrail.read(audit, AuditStage.RULE_STATUS).stream()
                        .filter(s -> "feed_health".equals(s.get("status").asText()))
                        .collect(Collectors.toList());
        assertThat(health)
                .extracting(
                        s ->
                                s.get("org_id").asText()
                                        + " "
                                        + s.get("rule_id").asText()
                                        + " "
                                        + s.get("errors").get(0).asText().split(":")[0])
                .containsExactly("acme feed/zscaler unhealthy", "acme feed/zscaler recovered");
        assertThat(health.get(0).get("errors").get(0).asText())
                .contains("of 65 records of the zscaler feed");
        assertThat(AuditTrail.read(audit, AuditStage.DEAD_LETTERS))
                .filteredOn(d -> "normalize".equals(d.get("stage").asText()))
                .extracting(d -> d.get("reason").asText())
                .containsOnly("missing_time")
                .hasSize(20);
    }
}
