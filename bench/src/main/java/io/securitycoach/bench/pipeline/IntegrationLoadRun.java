package io.securitycoach.bench.pipeline;

import io.securitycoach.integrations.VendorApis;
import io.securitycoach.schema.Json;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bench/run-integration-load.sh}: the whole job on a local MiniCluster fetching one org's
 * integration from its vendor stand-in, holding {@code --events} generated records and no faults.
 * Prints events per second (wall) and the process CPU per fetched event, and writes the JSON.
 */
@Command(
        name = "run-integration-load.sh",
        mixinStandardHelpOptions = true,
        description = "Load run of one integration against its vendor stand-in.")
public final class IntegrationLoadRun implements Callable<Integer> {
    @Option(
            names = "--vendor",
            defaultValue = "okta",
            description = "okta, graph, crowdstrike, proofpoint or netskope (default okta).")
    String vendor;

    @Option(names = "--events", defaultValue = "200000", description = "Events (default 200,000).")
    int events;

    @Option(
            names = "--page-size",
            description = "Page size (default: the vendor's maximum; Netskope's stand-in pages).")
    Integer pageSize;

    @Option(names = "--people", defaultValue = "50", description = "People of the org.")
    int people;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--checkpoint-seconds", defaultValue = "10")
    int checkpointSeconds;

    @Option(
            names = "--timeout-minutes",
            defaultValue = "60",
            description = "Give up when the events are not all fetched by then.")
    long timeoutMinutes;

    @Option(
            names = "--flink",
            description = "A Flink option for the run's cluster, key=value (repeatable).")
    Map<String, String> flink = new TreeMap<>();

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path json;

    @Option(names = "--work", description = "Working folder (default: a new temporary folder).")
    Path work;

    @Option(names = "--home", defaultValue = ".", description = "Project root (samples/).")
    Path home;

    @Option(names = "--commit", defaultValue = "", description = "Commit measured, for the report.")
    String commit;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IntegrationLoadRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        IntegrationLoadReport report = report();
        report.loadAverageBefore =
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        IntegrationLoadPhase.run(options(), people, timeoutMinutes * 60_000, report);
        report.loadAverageAfter =
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.print(System.out);
        if (json != null) {
            Files.writeString(
                    json,
                    Json.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report.toJson()),
                    StandardCharsets.UTF_8);
            System.out.println("json: " + json);
        }
        return 0;
    }

    /** The run's parameters, checked: a known vendor, a page size within the vendor's limits. */
    IntegrationLoadReport report() {
        if (!IntegrationStandIn.VENDORS.contains(vendor)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--vendor must be one of " + IntegrationStandIn.VENDORS + ", not " + vendor);
        }
        int max = VendorApis.get(IntegrationStandIn.apiName(vendor)).maxPageSize();
        int size = pageSize != null ? pageSize : max;
        if (size < 1 || size > max || events < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--page-size must be 1.." + max + " for " + vendor + "; --events at least 1");
        }
        IntegrationLoadReport report = new IntegrationLoadReport();
        report.vendor = vendor;
        report.events = events;
        report.pageSize = size;
        report.parallelism = parallelism;
        report.commit = commit;
        return report;
    }

    private RunOptions options() throws Exception {
        RunOptions o =
                RunOptions.of(
                        home,
                        work,
                        "coach-integration-load",
                        parallelism,
                        checkpointSeconds,
                        flink);
        o.profile = false;
        return o;
    }
}
