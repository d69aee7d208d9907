package io.securitycoach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.cli.audit.AuditLookup;
import io.securitycoach.schema.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./coach trace EVENT_UID --audit PATH}: one event's way through the audit trail. */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description =
                "One event's way through the audit trail: raw record, event, detections,"
                        + " deliveries, dead letters.")
public final class TraceCommand implements Callable<Integer> {
    private static final List<String> STAGES =
            List.of("raw", "events", "detections", "deliveries", "dead_letters");

    @Parameters(paramLabel = "EVENT_UID")
    String eventUid;

    @Mixin AuditOptions options;

    @Override
    public Integer call() throws Exception {
        JsonNode trace = new AuditLookup(options.auditUri()).trace(eventUid);
        if (options.json) {
            System.out.println(
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(trace));
        } else {
            System.out.println("trace of " + eventUid + ":");
            for (String stage : STAGES) {
                System.out.println("  " + stage + ": " + trace.path(stage).size());
                for (JsonNode record : trace.path(stage)) {
                    System.out.println("    " + record);
                }
            }
        }
        boolean found = STAGES.stream().anyMatch(s -> trace.path(s).size() > 0);
        if (!found) {
            System.err.println("no record of " + eventUid + " in the audit trail");
        }
        return found ? 0 : 1;
    }
}
