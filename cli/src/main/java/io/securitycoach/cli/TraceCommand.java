package io.securitycoach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.cli.audit.AuditLookup;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.OrgIds;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./coach trace EVENT_UID --org ORG --audit PATH}: one event's way through the audit trail,
 * within one org, matching the id exactly.
 */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description =
                "One event's way through the audit trail of one org: raw record, event,"
                        + " detections, deliveries, dead letters. The id matches exactly; another"
                        + " org's records are never shown.")
public final class TraceCommand implements Callable<Integer> {
    private static final List<String> STAGES =
            List.of("raw", "events", "detections", "deliveries", "dead_letters");

    @Parameters(paramLabel = "EVENT_UID")
    String eventUid;

    @Option(names = "--org", required = true, description = "The org the event belongs to.")
    String org;

    @Mixin AuditOptions options;

    @Override
    public Integer call() throws Exception {
        String problem = OrgIds.problem(org);
        if (problem != null) {
            System.err.println("--org: " + problem);
            return 2;
        }
        JsonNode trace = new AuditLookup(options.auditUri()).trace(org, eventUid);
        if (options.json) {
            System.out.println(
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(trace));
        } else {
            System.out.println("trace of " + eventUid + " in " + org + ":");
            for (String stage : STAGES) {
                System.out.println("  " + stage + ": " + trace.path(stage).size());
                for (JsonNode record : trace.path(stage)) {
                    System.out.println("    " + record);
                }
            }
        }
        boolean found = STAGES.stream().anyMatch(s -> trace.path(s).size() > 0);
        if (!found) {
            System.err.println("no record of " + eventUid + " in " + org + "'s audit trail");
        }
        return found ? 0 : 1;
    }
}
