package io.securitycoach.cli;

import io.securitycoach.savepoints.cli.SavepointCommand;
import io.securitycoach.soak.SoakCommand;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./coach}: the single entry point (run the pipeline, run the receiver, ...). Every
 * subcommand is listed here, in the order the help shows them.
 */
@Command(
        name = "coach",
        mixinStandardHelpOptions = true,
        version = "coach 0.1.0",
        description = "Real-time security coaching on Apache Flink.",
        subcommands = {
            RunCommand.class,
            ReceiverCommand.class,
            RulesCommand.class,
            ParsersCommand.class,
            NormalizeCommand.class,
            SchemaCommand.class,
            GenerateCommand.class,
            ConfigCommand.class,
            KinesisCommand.class,
            ReplayCommand.class,
            TimelineCommand.class,
            TraceCommand.class,
            IntegrationsCommand.class,
            CommandLine.HelpCommand.class,
            SoakCommand.class,
            SavepointCommand.class
        })
public final class CoachCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI with all its subcommands. */
    public static CommandLine commandLine() {
        return new CommandLine(new CoachCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The project folder: set by the ./coach script, else the working directory. */
    static Path home() {
        return Paths.get(System.getProperty("coach.home", ".")).toAbsolutePath().normalize();
    }
}
