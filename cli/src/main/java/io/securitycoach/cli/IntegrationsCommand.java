package io.securitycoach.cli;

import io.securitycoach.schema.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./coach integrations status --audit PATH [--json]}: each integration's latest state. */
@Command(
        name = "integrations",
        mixinStandardHelpOptions = true,
        description = "The orgs' vendor API integrations.",
        subcommands = {IntegrationsCommand.Status.class})
public final class IntegrationsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The latest status, lag and cursor of each integration, from a run's audit trail. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Each integration's latest status, events fetched, lag and last cursor, from"
                            + " the audit trail of a run.")
    static final class Status implements Callable<Integer> {
        @Mixin AuditOptions audit;

        @Override
        public Integer call() throws Exception {
            IntegrationReport report = IntegrationReport.fromAudit(audit.auditUri());
            System.out.print(
                    audit.json
                            ? Json.mapper()
                                            .writerWithDefaultPrettyPrinter()
                                            .writeValueAsString(report.toJson())
                                    + "\n"
                            : report.toText());
            return 0;
        }
    }
}
