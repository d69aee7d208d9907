package io.securitycoach.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the detection benchmark's table from the two JMH result files (the job's engine, Esper):
 * events/s per rule count and their ratio. {@code bench/run-detection-bench.sh} runs both and this.
 */
public final class DetectionBench {
    private DetectionBench() {}

    public static void main(String[] args) throws Exception {
        Map<Integer, double[]> table = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            for (JsonNode r : Json.mapper().readTree(new File(args[i]))) {
                int rules = r.at("/params/rules").asInt();
                table.computeIfAbsent(rules, k -> new double[4])[2 * i] =
                        r.at("/primaryMetric/score").asDouble();
                table.get(rules)[2 * i + 1] = r.at("/primaryMetric/scoreError").asDouble();
            }
        }
        System.out.println();
        System.out.println(
                "Detection on one thread, events/s (100 orgs, rules spread evenly; +- is JMH's"
                        + " 99.9% error)");
        System.out.printf(
                "%8s %22s %22s %8s%n",
                "rules", "coach (CEL, indexed)", "esper (EPL filters)", "ratio");
        for (Map.Entry<Integer, double[]> e : table.entrySet()) {
            double[] v = e.getValue();
            System.out.printf(
                    "%8d %,13.0f +-%,7.0f %,13.0f +-%,7.0f %7.2fx%n",
                    e.getKey(), v[0], v[1], v[2], v[3], v[0] / v[2]);
        }
    }
}
