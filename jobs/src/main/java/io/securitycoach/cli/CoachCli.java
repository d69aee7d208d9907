package io.securitycoach.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./coach}: the single entry point (run the pipeline, run the receiver, ...). */
@Command(
        name = "coach",
        mixinStandardHelpOptions = true,
        version = "coach 0.1.0",
        description = "Real-time security coaching on Apache Flink.",
        subcommands = {
            RunCommand.class,
            ReceiverCommand.class,
            RulesCommand.class,
            NormalizeCommand.class,
            SchemaCommand.class,
            GenerateCommand.class,
            ConfigCommand.class,
            KinesisCommand.class,
            ReplayCommand.class,
            TimelineCommand.class,
            TraceCommand.class,
            IntegrationsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CoachCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The CLI with the subcommands other modules on the classpath add (see {@link
     * CoachSubcommand}).
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CoachCli());
        for (CoachSubcommand extra : ServiceLoader.load(CoachSubcommand.class)) {
            cli.addSubcommand(extra);
        }
        return cli;
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
