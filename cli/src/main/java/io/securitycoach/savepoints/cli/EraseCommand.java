package io.securitycoach.savepoints.cli;

import io.securitycoach.savepoints.EraseTarget;
import io.securitycoach.savepoints.SavepointEraser;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./coach savepoint erase --org ORG | --user ORG/USER_ID --from PATH --out PATH}. */
@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description =
                "Write a new savepoint without one org's or one person's state (offboarding,"
                        + " erasure).")
public final class EraseCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Whom whom;

    @Option(
            names = "--from",
            required = true,
            description = "The savepoint to erase from (local or s3://).")
    String from;

    @Option(
            names = "--out",
            required = true,
            description = "Where the new savepoint goes (must not exist).")
    String out;

    @Mixin StorageOptions storage;

    /** Exactly one of the two. */
    static final class Whom {
        @Option(
                names = "--org",
                description =
                        "Erase everything of this org (state and its rules, parsers, settings).")
        String org;

        @Option(names = "--user", description = "Erase one person: ORG/USER_ID.")
        String user;
    }

    @Override
    public Integer call() throws Exception {
        EraseTarget target;
        try {
            target = whom.org != null ? EraseTarget.org(whom.org) : EraseTarget.user(whom.user);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        storage.initialize();
        SavepointEraser.erase(
                StorageOptions.uri(from), StorageOptions.uri(out), target, storage.backend);
        System.out.println("erased " + target + ": " + StorageOptions.uri(out));
        System.out.println("check it with: ./coach savepoint inspect " + out);
        return 0;
    }
}
