package io.securitycoach.bench.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;

/**
 * How many times one vendor event's records cross from one task to another (serialized into a
 * network buffer, whether the edge is a keyed shuffle, a rebalance or an unchained forward edge),
 * read from the job graph Flink runs: along the event's path (vendor source, ingest fair share,
 * normalize, resolve, enrich, detect) plus its two audit lines (raw and events) on their way to an
 * audit sink. Chained operators share a task and hand records on without serializing.
 */
final class GraphShuffles {
    /** The operators an event passes, in order (names as CoachJob gives them). */
    static final List<String> EVENT_PATH =
            List.of(
                    "Ingest fair share (per org)",
                    "Normalize vendor events",
                    "Resolve identity",
                    "Enrich with directory attributes",
                    "Detect with customer rules");

    static final String AUDIT_SINK = "Audit trail";

    final int perEvent;

    /** Each crossing: "from task -> to task (ship strategy)". */
    final List<String> crossings = new ArrayList<>();

    private final JobGraph graph;
    private final Map<JobVertex, List<JobEdge>> out = new HashMap<>();

    private GraphShuffles(JobGraph graph, String eventSource) {
        this.graph = graph;
        for (JobVertex v : graph.getVertices()) {
            for (JobEdge e : v.getInputs()) {
                out.computeIfAbsent(e.getSource().getProducer(), k -> new ArrayList<>()).add(e);
            }
        }
        int n = 0;
        String from = eventSource;
        for (String to : EVENT_PATH) {
            n += hops(from, to);
            from = to;
        }
        n += hops(eventSource, PipelineJob.AUDIT_RAW);
        n += hops(PipelineJob.AUDIT_RAW, AUDIT_SINK);
        n += hops(PipelineJob.AUDIT_EVENTS, AUDIT_SINK);
        perEvent = n;
    }

    /** The crossings of an event whose records come from the operator named {@code source}. */
    static GraphShuffles of(JobGraph graph, String eventSource) {
        return new GraphShuffles(graph, eventSource);
    }

    /**
     * Edges between the task running {@code from} and the nearest task downstream running {@code
     * to} (breadth first); 0 when they are chained into one task. Each crossing is recorded.
     */
    private int hops(String from, String to) {
        JobVertex start = vertex(from);
        Map<JobVertex, JobEdge> via = new HashMap<>();
        Deque<JobVertex> queue = new ArrayDeque<>(List.of(start));
        via.put(start, null);
        while (!queue.isEmpty()) {
            JobVertex v = queue.poll();
            if (runs(v, to)) {
                return record(v, via);
            }
            for (JobEdge e : out.getOrDefault(v, List.of())) {
                if (!via.containsKey(e.getTarget())) {
                    via.put(e.getTarget(), e);
                    queue.add(e.getTarget());
                }
            }
        }
        throw new IllegalStateException("no path in the job graph from " + from + " to " + to);
    }

    private int record(JobVertex end, Map<JobVertex, JobEdge> via) {
        List<String> path = new ArrayList<>();
        for (JobEdge e = via.get(end); e != null; e = via.get(e.getSource().getProducer())) {
            path.add(
                    0,
                    e.getSource().getProducer().getName()
                            + " => "
                            + e.getTarget().getName()
                            + " ("
                            + e.getShipStrategyName()
                            + ")");
        }
        crossings.addAll(path);
        return path.size();
    }

    private JobVertex vertex(String operator) {
        for (JobVertex v : graph.getVertices()) {
            if (runs(v, operator)) {
                return v;
            }
        }
        throw new IllegalStateException("no task runs " + operator);
    }

    /** Task names are their chained operators' names joined by " -> ". */
    private static boolean runs(JobVertex v, String operator) {
        for (String name : v.getName().split(" -> ")) {
            if (name.equals(operator) || name.startsWith(operator + ":")) {
                return true;
            }
        }
        return false;
    }
}
