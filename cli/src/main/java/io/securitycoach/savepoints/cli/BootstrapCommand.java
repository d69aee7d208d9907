package io.securitycoach.savepoints.cli;

import io.securitycoach.jobs.JobSettings;
import io.securitycoach.savepoints.ControlSnapshot;
import io.securitycoach.savepoints.SavepointBootstrapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./coach savepoint bootstrap --users DUMP --rules DIR [--parsers DIR] [--settings FILE]
 * --out PATH}.
 */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description =
                "Write a savepoint for today's job graph from a directory dump and the rules (a new"
                        + " deployment, region or cluster starts with them in state).")
public final class BootstrapCommand implements Callable<Integer> {
    @Option(
            names = "--users",
            required = true,
            description = "Directory dump: JSON lines, a file or a folder (local or s3://).")
    String users;

    @Option(names = "--rules", required = true, description = "Rules folder, one rule per file.")
    Path rules;

    @Option(names = "--parsers", description = "Orgs' parsing configurations folder.")
    Path parsers;

    @Option(
            names = "--settings",
            description = "Org settings: JSON lines of org_settings control messages.")
    Path settings;

    @Option(
            names = "--out",
            required = true,
            description = "Where the savepoint goes (must not exist).")
    String out;

    @Option(
            names = "--max-parallelism",
            defaultValue = "128",
            description =
                    "The job's max parallelism (default ${DEFAULT-VALUE}, Flink's default up to 128"
                            + " tasks).")
    int maxParallelism;

    @Mixin StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        ControlSnapshot control = ControlSnapshot.read(rules, parsers, settings);
        if (!control.errors().isEmpty()) {
            control.errors().forEach(e -> System.err.println("error: " + e));
            return 1;
        }
        storage.initialize();
        long start = System.nanoTime();
        SavepointBootstrapper.bootstrap(
                StorageOptions.uri(users),
                control,
                StorageOptions.uri(out),
                storage.backend,
                maxParallelism,
                new JobSettings().tombstoneRetention);
        System.out.printf(
                "bootstrapped %s in %.1f s (%d rules)%n",
                StorageOptions.uri(out), (System.nanoTime() - start) / 1e9, control.ruleCount());
        System.out.println("check it with: ./coach savepoint inspect " + out);
        return 0;
    }
}
