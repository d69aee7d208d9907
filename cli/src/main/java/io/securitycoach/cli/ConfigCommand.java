package io.securitycoach.cli;

import io.securitycoach.config.CoachConfig;
import io.securitycoach.config.ConfigException;
import io.securitycoach.config.ConfigLoader;
import io.securitycoach.jobs.wiring.ConfiguredSettings;
import io.securitycoach.jobs.wiring.ConfiguredSinks;
import io.securitycoach.jobs.wiring.ConfiguredSources;
import io.securitycoach.jobs.wiring.S3FileSystems;
import io.securitycoach.schema.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./coach config}: the configuration reference, and a check of a configuration before it is
 * deployed.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Configuration reference and checks.",
        subcommands = {ConfigCommand.Reference.class, ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "reference",
            mixinStandardHelpOptions = true,
            description = "Print (or write) docs/configuration.md.")
    static final class Reference implements Callable<Integer> {
        @Option(names = "--write", description = "Write it to this file instead of printing it.")
        Path write;

        @Override
        public Integer call() throws Exception {
            return GeneratedDocs.printOrWrite(CoachConfig.markdown(), write);
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Validate a job configuration as the job would at start: [--config FILE]"
                        + " [--managed-flink] [--Group.key value]... (--managed-flink: with Managed"
                        + " Flink's rules).")
    static final class Check implements Callable<Integer> {
        @CommandLine.Unmatched List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            try {
                CoachConfig config = ConfigLoader.load(args.toArray(new String[0]));
                S3FileSystems.initializeForEmbeddedRun(config);
                ConfiguredSettings.from(config);
                new ConfiguredSources(config);
                new ConfiguredSinks(config);
                System.out.println(
                        Json.mapper()
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(config.describe()));
                System.out.println("configuration OK");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("invalid configuration: " + e.getMessage());
                return 2;
            }
        }
    }
}
