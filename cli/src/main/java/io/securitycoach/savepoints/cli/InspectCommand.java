package io.securitycoach.savepoints.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.savepoints.InspectReportText;
import io.securitycoach.savepoints.SavepointInspector;
import io.securitycoach.schema.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./coach savepoint inspect PATH [--json]}. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "What a savepoint holds: operators by uid with their state, counts per org,"
                        + " broadcast content, size, and uids today's job graph would not restore.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "PATH",
            description = "Savepoint folder (or its _metadata), local or s3://.")
    String path;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        storage.initialize();
        ObjectNode report = SavepointInspector.inspect(StorageOptions.uri(path), storage.backend);
        System.out.println(
                json
                        ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                        : InspectReportText.of(report));
        return 0;
    }
}
