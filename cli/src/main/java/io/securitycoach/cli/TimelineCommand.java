package io.securitycoach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.cli.audit.AuditLookup;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.OrgIds;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./coach timeline ORG USER_ID --audit PATH} (or {@code --org ORG USER_ID}): a person's
 * coaching moments in time order, within one org.
 */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description =
                "A person's coaching moments in time order: detections, the events behind them,"
                        + " deliveries.")
public final class TimelineCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..2",
            paramLabel = "[ORG] USER_ID",
            description = "The org (unless --org names it) and the person's user id.")
    List<String> orgAndUser;

    @Option(names = "--org", description = "The org, as the other support commands take it.")
    String orgOption;

    @Mixin AuditOptions options;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String org = org();
        String userId = orgAndUser.get(orgAndUser.size() - 1);
        JsonNode timeline = new AuditLookup(options.auditUri()).timeline(org, userId);
        if (options.json) {
            System.out.println(
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(timeline));
            return 0;
        }
        System.out.println(
                "timeline of "
                        + org
                        + "/"
                        + userId
                        + ": "
                        + timeline.path("moments").size()
                        + " moments");
        for (JsonNode m : timeline.path("moments")) {
            JsonNode d = m.path("detection");
            System.out.printf(
                    "%s  %s v%d (%s): %s%n",
                    time(d.path("event_time")),
                    d.path("rule_id").asText(),
                    d.path("rule_version").asLong(),
                    d.path("mode").asText(),
                    d.path("summary").asText());
            for (JsonNode e : m.path("events")) {
                System.out.printf(
                        "    event %s  %s %s %s%n",
                        time(e.path("event_time")),
                        e.path("event_uid").asText(),
                        e.path("vendor").asText(),
                        e.path("activity").asText());
            }
            for (JsonNode s : m.path("deliveries")) {
                String reason =
                        s.hasNonNull("reason") ? " (" + s.path("reason").asText() + ")" : "";
                System.out.printf(
                        "    %s %s after %d attempts%s%n",
                        s.path("channel").asText(),
                        s.path("status").asText(),
                        s.path("attempts").asInt(),
                        reason);
            }
        }
        return 0;
    }

    /** The org, from --org or the first parameter (one of them), checked. */
    private String org() {
        if (orgAndUser.size() != (orgOption == null ? 2 : 1)) {
            throw new ParameterException(
                    spec.commandLine(), "give ORG USER_ID, or --org ORG and USER_ID");
        }
        String org = orgOption != null ? orgOption : orgAndUser.get(0);
        String problem = OrgIds.problem(org);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "org: " + problem);
        }
        return org;
    }

    static String time(JsonNode millis) {
        return millis.isNumber() ? Instant.ofEpochMilli(millis.asLong()).toString() : "-";
    }
}
