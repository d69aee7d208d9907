package io.securitycoach.normalize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a feed normalizes, per vendor and record type: records, events, dead letters by reason with
 * one example each, and field coverage (the share of events that fill each schema field), so a feed
 * that parses but never fills {@code url_category} is visible before it misses an incident.
 */
public final class NormalizationReport {
    /** Fields every event has by construction: not worth a coverage line. */
    private static final Set<String> ALWAYS =
            Set.of("org_id", "event_uid", "vendor", "product", "class", "category");

    private final Map<String, Map<String, Group>> groups = new TreeMap<>();

    /** One vendor's record type. */
    static final class Group {
        int records;
        int events;
        int unknownVerdicts;
        final Map<String, Integer> deadLetters = new TreeMap<>();
        final Map<String, String> examples = new TreeMap<>();
        final Map<String, Integer> filled = new LinkedHashMap<>();
    }

    /** The outcomes of one line, in order (a record's several events are next to each other). */
    public void add(List<EventNormalizer.Result> results) {
        String previousOrigin = null;
        for (EventNormalizer.Result r : results) {
            Group g =
                    groups.computeIfAbsent(String.valueOf(r.vendor), v -> new TreeMap<>())
                            .computeIfAbsent(
                                    r.recordType() == null ? "(unrecognized)" : r.recordType(),
                                    t -> new Group());
            if (!r.origin().equals(previousOrigin)) {
                g.records++;
            }
            previousOrigin = r.origin();
            if (r.event != null) {
                g.events++;
                if (Verdicts.isUnknown(r.event)) {
                    g.unknownVerdicts++;
                }
                for (String field : EventSchema.stringEventFields()) {
                    if (!ALWAYS.contains(field)
                            && !"".equals(EventSchema.fieldValue(r.event, field))) {
                        g.filled.merge(field, 1, Integer::sum);
                    }
                }
            } else {
                g.deadLetters.merge(r.deadLetter.reason, 1, Integer::sum);
                g.examples.putIfAbsent(
                        r.deadLetter.reason, r.origin() + ": " + r.deadLetter.message);
            }
        }
    }

    /**
     * The report as text: per vendor (feed) its events and the share with an unknown verdict, then
     * one block per record type.
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        groups.forEach(
                (vendor, types) -> {
                    int events = types.values().stream().mapToInt(g -> g.events).sum();
                    int unknown = types.values().stream().mapToInt(g -> g.unknownVerdicts).sum();
                    b.append(vendor)
                            .append(": ")
                            .append(events)
                            .append(" events, unknown verdict ")
                            .append(Verdicts.percent(unknown, events))
                            .append("%\n");
                    types.forEach((type, g) -> group(b, vendor, type, g));
                });
        return b.toString();
    }

    private static void group(StringBuilder b, String vendor, String type, Group g) {
        int dead = g.deadLetters.values().stream().mapToInt(Integer::intValue).sum();
        b.append(vendor)
                .append(" / ")
                .append(type)
                .append(": ")
                .append(g.records)
                .append(" records, ")
                .append(g.events)
                .append(" events, ")
                .append(dead)
                .append(" dead letters\n");
        g.deadLetters.forEach(
                (reason, n) ->
                        b.append("  dead letter ")
                                .append(reason)
                                .append(" x")
                                .append(n)
                                .append(", e.g. ")
                                .append(g.examples.get(reason))
                                .append('\n'));
        if (g.events > 0) {
            b.append("  unknown verdict: ")
                    .append(g.unknownVerdicts)
                    .append(" (")
                    .append(Verdicts.percent(g.unknownVerdicts, g.events))
                    .append("%)\n");
            b.append("  fields: ").append(coverageText(g)).append('\n');
        }
    }

    private static String coverageText(Group g) {
        StringBuilder filled = new StringBuilder();
        StringBuilder never = new StringBuilder();
        for (String field : EventSchema.stringEventFields()) {
            if (ALWAYS.contains(field)) {
                continue;
            }
            int n = g.filled.getOrDefault(field, 0);
            if (n == 0) {
                never.append(never.length() == 0 ? "" : ", ").append(field);
            } else {
                filled.append(filled.length() == 0 ? "" : ", ")
                        .append(field)
                        .append(' ')
                        .append(Math.round(100.0 * n / g.events))
                        .append('%');
            }
        }
        return filled + (never.length() == 0 ? "" : "; never: " + never);
    }

    /**
     * The report as JSON: {vendor: {record type: {records, events, unknown_verdicts,
     * unknown_verdict_percent, dead_letters: {reason: {count, example}}, field_coverage: {field:
     * share}}}}.
     */
    public ObjectNode json() {
        ObjectNode root = Json.mapper().createObjectNode();
        groups.forEach(
                (vendor, types) -> {
                    ObjectNode v = root.putObject(vendor);
                    types.forEach(
                            (type, g) -> {
                                ObjectNode t = v.putObject(type);
                                t.put("records", g.records);
                                t.put("events", g.events);
                                t.put("unknown_verdicts", g.unknownVerdicts);
                                t.put(
                                        "unknown_verdict_percent",
                                        Verdicts.percent(g.unknownVerdicts, g.events));
                                ObjectNode dead = t.putObject("dead_letters");
                                g.deadLetters.forEach(
                                        (reason, n) ->
                                                dead.putObject(reason)
                                                        .put("count", n)
                                                        .put("example", g.examples.get(reason)));
                                ObjectNode coverage = t.putObject("field_coverage");
                                for (String field : EventSchema.stringEventFields()) {
                                    if (!ALWAYS.contains(field) && g.events > 0) {
                                        coverage.put(
                                                field,
                                                Math.round(
                                                                1000.0
                                                                        * g.filled.getOrDefault(
                                                                                field, 0)
                                                                        / g.events)
                                                        / 1000.0);
                                    }
                                }
                            });
                });
        return root;
    }
}
