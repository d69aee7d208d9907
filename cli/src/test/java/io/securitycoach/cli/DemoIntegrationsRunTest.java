package io.securitycoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./coach run --bounded --demo-integrations}: the stand-ins' events are fetched whole, the
 * run ends on its own, and the summary and {@code ./coach integrations status} report each
 * integration.
 */
class DemoIntegrationsRunTest {
    @TempDir Path dir;

    @Test
    void aBoundedDemoRunFetchesEveryStandInsEventsAndEnds() throws Exception {
        Path summary = dir.resolve("s.json");
        int exit =
                new CommandLine(new CoachCli())
                        .execute(
                                "run",
                                "--bounded",
                                "--demo-integrations",
                                "--parallelism",
                                "1",
                                "--out",
                                dir.resolve("out").toString(),
                                "--summary-json",
                                summary.toString());
        assertThat(exit).isZero();
        JsonNode s = Json.mapper().readTree(summary.toFile());
        assertThat(s.get("events_by_integration").path("acme/okta").asLong()).isEqualTo(60);
        assertThat(s.get("events_by_integration").path("globex/okta").asLong()).isEqualTo(60);
        assertThat(s.get("events_by_integration").path("acme/crowdstrike").asLong()).isEqualTo(30);
        assertThat(s.get("events_by_integration").path("globex/crowdstrike").asLong())
                .isEqualTo(30);
        assertThat(s.get("events_by_integration").path("acme/proofpoint").asLong()).isEqualTo(60);
        assertThat(s.get("events_by_integration").path("globex/proofpoint").asLong()).isEqualTo(60);
        assertThat(s.get("integration_status").get("acme/crowdstrike").asText())
                .isEqualTo("healthy");
        assertThat(s.get("integration_status").get("acme/proofpoint").asText())
                .isEqualTo("healthy");
        assertThat(s.get("integration_status").get("acme/okta").asText()).isEqualTo("healthy");
        assertThat(s.get("events_by_integration").path("acme/netskope").asLong()).isEqualTo(60);
        assertThat(s.get("events_by_integration").path("globex/netskope").asLong()).isEqualTo(60);
        assertThat(s.get("integration_status").get("globex/netskope").asText())
                .isEqualTo("healthy");
        assertThat(s.get("events_by_vendor").get("okta").asLong())
                .as("35 from files")
                .isEqualTo(155);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int status =
                    new CommandLine(new CoachCli())
                            .execute(
                                    "integrations",
                                    "status",
                                    "--audit",
                                    dir.resolve("out/audit").toString(),
                                    "--json");
            assertThat(status).isZero();
        } finally {
            System.setOut(stdout);
        }
        JsonNode report = Json.mapper().readTree(printed.toString(StandardCharsets.UTF_8));
        assertThat(report.get("globex/okta").get("events").asLong()).isEqualTo(60);
        assertThat(report.get("globex/okta").get("status").asText()).isEqualTo("healthy");
        assertThat(report.get("globex/okta").get("cursor").asText()).contains("after=");
        assertThat(report.get("globex/okta").get("lag_ms").asLong()).isZero();
        assertThat(report.get("globex/crowdstrike").get("events").asLong()).isEqualTo(30);
        assertThat(report.get("globex/crowdstrike").get("status").asText()).isEqualTo("healthy");
    }
}
