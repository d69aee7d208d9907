package io.securitycoach.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the normalization benchmark's table from its JMH result file: events/s per vendor and the
 * ratio to bare parsing.
 */
public final class NormalizationBench {
    private NormalizationBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, double[]> table = new TreeMap<>();
        for (JsonNode r : Json.mapper().readTree(new File(args[0]))) {
            String vendor = r.at("/params/vendor").asText();
            boolean normalize = r.path("benchmark").asText().endsWith(".normalize");
            table.computeIfAbsent(vendor, k -> new double[2])[normalize ? 0 : 1] =
                    r.at("/primaryMetric/score").asDouble();
        }
        System.out.println();
        System.out.println(
                "Normalization on one thread, records/s (target: normalize >= 0.5x bare Jackson"
                        + " tree parsing)");
        System.out.printf("%-12s %14s %14s %7s%n", "vendor", "normalize", "jackson tree", "ratio");
        for (Map.Entry<String, double[]> e : table.entrySet()) {
            System.out.printf(
                    "%-12s %,14.0f %,14.0f %6.2fx%n",
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[0] / e.getValue()[1]);
        }
    }
}
