package io.securitycoach.savepoints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The inspect report for people: one block per operator, one line per org. */
public final class InspectReportText {
    private InspectReportText() {}

    public static String of(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append("savepoint ")
                .append(report.path("path").asText())
                .append(" (checkpoint ")
                .append(report.path("checkpoint_id").asLong())
                .append(", ")
                .append(report.path("size_bytes").asLong())
                .append(" bytes on disk)\n\noperators:\n");
        for (JsonNode op : report.path("operators")) {
            operator(out, op);
        }
        out.append("\norgs:\n");
        if (report.path("orgs").isEmpty()) {
            out.append("  (none)\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("orgs").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> org = it.next();
            out.append("  ").append(org.getKey()).append(": ").append(org.getValue()).append('\n');
        }
        out.append("\nnot in today's job graph (dropped with allowNonRestoredState): ")
                .append(report.path("unknown_operators"))
                .append('\n');
        out.append("in today's job graph, not in the savepoint (start empty): ")
                .append(report.path("missing_uids"))
                .append('\n');
        return out.toString();
    }

    private static void operator(StringBuilder out, JsonNode op) {
        out.append("  ")
                .append(op.path("uid").isNull() ? "(unknown uid)" : op.path("uid").asText())
                .append(" [")
                .append(op.path("operator_id").asText())
                .append("] parallelism ")
                .append(op.path("parallelism").asInt())
                .append('/')
                .append(op.path("max_parallelism").asInt())
                .append(", ")
                .append(op.path("state_size_bytes").asLong())
                .append(" bytes");
        if (op.has("keys")) {
            out.append(", ")
                    .append(op.path("keys").asLong())
                    .append(" keys, ")
                    .append(op.path("event_timers").asLong())
                    .append(" event-time and ")
                    .append(op.path("processing_timers").asLong())
                    .append(" processing-time timers");
        }
        out.append('\n');
        for (JsonNode s : op.path("keyed_state")) {
            out.append("    keyed ")
                    .append(s.path("kind").asText())
                    .append(' ')
                    .append(s.path("name").asText())
                    .append(": ")
                    .append(s.path("entries").asLong())
                    .append(" entries, ")
                    .append(s.path("serializer").asText())
                    .append(s.path("ttl").asBoolean() ? ", ttl" : "")
                    .append('\n');
        }
        if (!op.has("keyed_state") && !op.path("saved_keyed_state").isEmpty()) {
            out.append("    keyed state (not in JobStateLayout): ")
                    .append(op.path("saved_keyed_state"))
                    .append('\n');
        }
        for (JsonNode s : op.path("operator_state")) {
            out.append("    operator ")
                    .append(s.path("mode").asText())
                    .append(' ')
                    .append(s.path("name").asText())
                    .append('\n');
        }
    }
}
