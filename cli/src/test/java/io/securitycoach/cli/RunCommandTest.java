package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.receiver.LocalReceiver;
import io.securitycoach.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./coach run --bounded --summary-json}: the embedded default end to end, and the summary
 * keys scripts read.
 */
class RunCommandTest {
    @TempDir Path dir;

    @Test
    void boundedRunOnTheSamplesWritesTheSummary() throws Exception {
        Path summary = dir.resolve("s.json");
        int exit =
                new CommandLine(new CoachCli())
                        .execute(
                                "run",
                                "--bounded",
                                "--parallelism",
                                "1",
                                "--out",
                                dir.resolve("out").toString(),
                                "--summary-json",
                                summary.toString());
        assertThat(exit).isZero();

        JsonNode s = Json.mapper().readTree(summary.toFile());
        assertThat(s.get("events_by_vendor").get("okta").asLong()).isEqualTo(35);
        assertThat(s.get("events_by_vendor").get("zscaler").asLong()).isEqualTo(34);
        assertThat(s.get("dead_letters_by_reason").get("invalid_json").asLong()).isEqualTo(3);
        assertThat(s.get("detections_by_rule").get("gambling-site").asLong()).isEqualTo(5);
        assertThat(s.get("events_by_vendor").get("mimecast-email").asLong())
                .as("acme's own feed")
                .isEqualTo(3);
        assertThat(s.get("events_by_vendor").get("generic-firewall").asLong())
                .as("globex's own feed")
                .isEqualTo(3);
        assertThat(s.get("notifications_delivered").asLong()).isEqualTo(11);
        // 69 events: the directory is read whole before any grace expires, so only people it does
        // not
        // know stay unresolved: frank.green (deleted), contractor7 (never existed), alice twice in
        // globex.
        assertThat(s.get("events_resolved").asLong() + s.get("events_held").asLong()).isEqualTo(69);
        assertThat(s.get("events_unresolved").asLong())
                .as("and bob.smith, carol.jones in acme's email feed")
                .isEqualTo(6);
        assertThat(s.get("notifications_failed").asLong()).isZero();
        List<String> detectionKeys = new ArrayList<>();
        s.get("detections").get(0).fieldNames().forEachRemaining(detectionKeys::add);
        assertThat(detectionKeys).containsExactly("rule_id", "org_id", "user_id", "detection_id");
        assertThat(s.get("detections")).hasSize(15);
        assertThat(Files.readAllLines(dir.resolve("out/receiver.jsonl")))
                .filteredOn(l -> l.contains("\"shown\":true"))
                .hasSize(11);
    }

    @Test
    void externalReceiverGetsEveryChannelInsteadOfTheBuiltInOne() throws Exception {
        try (LocalReceiver external = LocalReceiver.builder().start()) {
            int exit =
                    new CommandLine(new CoachCli())
                            .execute(
                                    "run",
                                    "--bounded",
                                    "--parallelism",
                                    "1",
                                    "--out",
                                    dir.resolve("ext").toString(),
                                    "--receiver",
                                    external.baseUrl());
            assertThat(exit).isZero();
            assertThat(external.accepted()).hasSize(11);
            assertThat(external.accepted())
                    .extracting(b -> b.get("channel").asText())
                    .containsOnly("slack", "teams", "webhook");
        }
        assertThat(dir.resolve("ext/receiver.jsonl")).doesNotExist();
    }

    @Test
    void statusWebhookReceivesEveryDeliveryStatus() throws Exception {
        try (LocalReceiver status = LocalReceiver.builder().start()) {
            int exit =
                    new CommandLine(new CoachCli())
                            .execute(
                                    "run",
                                    "--bounded",
                                    "--parallelism",
                                    "1",
                                    "--out",
                                    dir.resolve("st").toString(),
                                    "--status-webhook",
                                    status.baseUrl() + "/webhook/status");
            assertThat(exit).isZero();
            assertThat(status.accepted())
                    .extracting(b -> b.get("status").asText())
                    .as("11 delivered and 5 skipped, each told once")
                    .hasSize(16)
                    .containsOnly("delivered", "skipped");
        }
    }

    @Test
    void refusesToMixTwoRunsInOneAuditTrail() throws Exception {
        Path audit = dir.resolve("used/audit/raw");
        Files.createDirectories(audit);
        Files.writeString(audit.resolve("part-0.jsonl"), "{}\n");
        int exit =
                new CommandLine(new CoachCli())
                        .execute("run", "--bounded", "--out", dir.resolve("used").toString());
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void missingInputIsAUsageError() {
        int exit =
                new CommandLine(new CoachCli())
                        .execute(
                                "run",
                                "--bounded",
                                "--events",
                                dir.resolve("nope").toString(),
                                "--out",
                                dir.resolve("o").toString());
        assertThat(exit).isEqualTo(2);
    }
}
