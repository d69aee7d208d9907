package io.securitycoach.cli;

import io.securitycoach.schema.EventSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./coach schema}: the event schema rule authors write against, as Markdown (from the CEL
 * declarations' source).
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print (or write) the event schema document.")
public final class SchemaCommand implements Callable<Integer> {
    @Option(
            names = "--write",
            description = "Write it to this file (e.g. docs/schema.md) instead of printing it.")
    Path write;

    @Override
    public Integer call() throws Exception {
        return GeneratedDocs.printOrWrite(EventSchema.markdown(), write);
    }
}
