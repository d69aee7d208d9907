package io.securitycoach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.audit.AuditStage;
import io.securitycoach.audit.AuditTrail;
import io.securitycoach.jobs.wiring.AuditSinks;
import io.securitycoach.jobs.wiring.FileJobSources;
import io.securitycoach.jobs.wiring.RuleFiles;
import io.securitycoach.notify.NotifierSettings;
import io.securitycoach.receiver.LocalReceiver;
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
 * The whole job on feeds only a customer's parsing configuration describes: the configurations come
 * first on the control stream, the records wait for them, are normalized, resolved against the
 * directory (email, DOMAIN\\user), matched by the org's rules and coached.
 */
class ParsingConfigurationsJobTest {
    @RegisterExtension static final FlinkMiniCluster CLUSTER = new FlinkMiniCluster();

    @TempDir Path out;

    @Test
    void customerFeedsAreNormalizedDetectedAndCoached() throws Exception {
        Path samples =
                Paths.get(System.getProperty("coach.home", ".."))
                        .resolve("samples")
                        .toAbsolutePath();
        Path events = out.resolve("events");
        Files.createDirectories(events.resolve("acme/mimecast-email"));
        Files.createDirectories(events.resolve("globex/generic-firewall"));
        Files.createDirectories(events.resolve("acme/zscaler-eu-template"));
        Files.copy(
                samples.resolve("vendors/mimecast-email.jsonl"),
                events.resolve("acme/mimecast-email/feed.jsonl"));
        Files.copy(
                samples.resolve("vendors/generic-firewall.jsonl"),
                events.resolve("globex/generic-firewall/feed.jsonl"));
        // a template renaming Zscaler's fields, read by a configuration that extends the built-in
        // vendor
        Files.copy(
                samples.resolve("vendors/zscaler-eu-template.jsonl"),
                events.resolve("acme/zscaler-eu-template/f.jsonl"));

        List<ControlMessage> control =
                new ArrayList<>(RuleFiles.parsers(samples.resolve("parsers")));
        String extending = Files.readString(samples.resolve("vendors/zscaler-eu-template.yaml"));
        control.add(ControlMessage.parserUpsert("acme", extending, "zscaler-eu-template.yaml"));
        control.add(
                ControlMessage.upsert(
                        "acme",
                        "id: phishing-link-clicked\n"
                                + "org: acme\n"
                                + "version: 1\n"
                                + "severity: high\n"
                                + "when: event.class == \"email\" && event.activity =="
                                + " \"click_permitted\"\n"
                                + "coach: {module: phishing-101, channels: [webhook]}\n",
                        "test"));
        control.add(
                ControlMessage.upsert(
                        "globex",
                        "id: peer-to-peer\n"
                                + "org: globex\n"
                                + "version: 1\n"
                                + "when: event.vendor == \"generic-firewall\" && event.app =="
                                + " \"bittorrent\"\n"
                                + "coach: {module: acceptable-use-101, channels: [webhook]}\n",
                        "test"));
        control.add(ControlMessage.snapshotEnd("test"));

        Path audit = out.resolve("audit");
        try (LocalReceiver receiver = LocalReceiver.builder().start()) {
            StreamExecutionEnvironment env = JobEnvironment.create();
            JobSettings settings = new JobSettings();
            settings.notifier = NotifierSettings.allChannelsTo(receiver.baseUrl());
            CoachJob.build(
                    env,
                    new FileJobSources(
                            List.of(events.toUri().toString()),
                            samples.resolve("users").toUri().toString(),
                            control,
                            null),
                    AuditSinks.auditOnly(audit.toUri().toString()),
                    settings);
            env.execute("parsing-configurations");

            assertThat(AuditTrail.read(audit, AuditStage.RULE_STATUS))
                    .filteredOn(s -> "accepted".equals(s.get("status").asText()))
                    .extracting(s -> s.get("org_id").asText() + "/" + s.get("rule_id").asText())
                    .containsExactlyInAnyOrder(
                            "acme/mimecast-email",
                            "globex/generic-firewall",
                            "acme/zscaler-eu-template",
                            "acme/phishing-link-clicked",
                            "globex/peer-to-peer");
            List<JsonNode> normalized = AuditTrail.read(audit, AuditStage.EVENTS);
            assertThat(normalized)
                    .extracting(e -> e.get("vendor").asText())
                    .containsOnly("mimecast-email", "generic-firewall", "zscaler-eu-template")
                    .hasSize(9);
            assertThat(normalized)
                    .filteredOn(e -> "zscaler-eu-template".equals(e.get("vendor").asText()))
                    .extracting(
                            e ->
                                    e.get("url_category").asText()
                                            + "/"
                                            + e.get("actor_host").asText())
                    .containsExactlyInAnyOrder(
                            "Gambling/ACME-LT-0142",
                            "Miscellaneous or Unknown/ACME-LT-0199",
                            "Personal Cloud Storage/ACME-LT-0200");
            assertThat(AuditTrail.read(audit, AuditStage.DEAD_LETTERS))
                    .filteredOn(d -> "normalize".equals(d.get("stage").asText()))
                    .extracting(d -> d.get("reason").asText())
                    .containsExactlyInAnyOrder(
                            "invalid_time", "missing_time", "invalid_time", "missing_identity");
            List<String> detections =
                    AuditTrail.read(audit, AuditStage.DETECTIONS).stream()
                            .map(
                                    d ->
                                            d.get("org_id").asText()
                                                    + " "
                                                    + d.get("rule_id").asText()
                                                    + " "
                                                    + d.get("user_id").asText())
                            .sorted()
                            .collect(Collectors.toList());
            assertThat(detections)
                    .containsExactly(
                            "acme phishing-link-clicked u-1001", "globex peer-to-peer g-02");
            assertThat(receiver.accepted()).hasSize(2);
        }
    }
}
