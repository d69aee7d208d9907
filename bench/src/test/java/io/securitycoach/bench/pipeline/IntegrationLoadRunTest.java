package io.securitycoach.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IntegrationLoadRunTest {
    private static IntegrationLoadReport parse(String... args) {
        IntegrationLoadRun run = new IntegrationLoadRun();
        new CommandLine(run).parseArgs(args);
        return run.report();
    }

    @Test
    void defaultsToOktaAtItsLargestPage() {
        IntegrationLoadReport r = parse();
        assertThat(r.vendor).isEqualTo("okta");
        assertThat(r.events).isEqualTo(200_000);
        assertThat(r.pageSize).isEqualTo(1000);
        assertThat(r.parallelism).isEqualTo(2);
    }

    @Test
    void takesTheVendorEventsAndPageSize() {
        IntegrationLoadReport r = parse("--vendor", "netskope", "--events", "2000");
        assertThat(r.vendor).isEqualTo("netskope");
        assertThat(r.events).isEqualTo(2000);
        assertThat(r.pageSize).isEqualTo(10_000);
        assertThat(parse("--vendor", "graph", "--page-size", "50").pageSize).isEqualTo(50);
        assertThat(parse("--vendor", "proofpoint").pageSize).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownVendorOrAPageBeyondTheVendorsLimit() {
        assertThatThrownBy(() -> parse("--vendor", "splunk"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("okta");
        assertThatThrownBy(() -> parse("--vendor", "okta", "--page-size", "1001"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("1..1000");
    }

    @Test
    void reportsRateAndCpuPerFetchedEvent() {
        IntegrationLoadReport r = parse("--events", "4000");
        r.fetched = 4000;
        r.wallSeconds = 2;
        r.cpuSeconds = 3;
        r.requestsServed = 5;
        r.commit = "abc1234";
        Map<String, Object> j = r.toJson();
        assertThat(j)
                .containsEntry("vendor", "okta")
                .containsEntry("events", 4000L)
                .containsEntry("events_per_second", 2000.0)
                .containsEntry("cpu_us_per_event", 750.0)
                .containsEntry("requests_served", 5L)
                .containsEntry("commit", "abc1234")
                .containsKeys(
                        "wall_seconds", "cpu_seconds", "load_average_before", "load_average_after");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        r.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("events per second     2,000 (wall)")
                .contains("CPU-us per event      750.0");
    }
}
