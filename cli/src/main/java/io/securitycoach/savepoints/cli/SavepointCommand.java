package io.securitycoach.savepoints.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./coach savepoint ...}: the State Processor API tools over the job's savepoints. */
@Command(
        name = "savepoint",
        mixinStandardHelpOptions = true,
        description = "Inspect, bootstrap and erase the job's savepoints (local paths or s3://).",
        subcommands = {InspectCommand.class, EraseCommand.class, BootstrapCommand.class})
public final class SavepointCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
