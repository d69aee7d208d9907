package io.securitycoach.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Param;

/**
 * Prints the normalization benchmark's table from the JMH result files of {@code
 * run-normalize-bench.sh}: per vendor the median over rounds of normalization and of Jackson tree
 * parsing (records/s), and the median of each round's ratio, the two measured back to back. With
 * {@code --vendors}, lists the benchmark's vendors instead.
 */
public final class NormalizationBench {
    /** Normalization at no less than this share of bare Jackson (issue 24). */
    static final double TARGET = 0.4;

    private NormalizationBench() {}

    /** One vendor's rounds: normalization and Jackson records/s of each. */
    static final class Rounds {
        final List<Double> normalize = new ArrayList<>();
        final List<Double> jackson = new ArrayList<>();

        /** The median of the rounds' own ratios (a round's two runs saw the same machine). */
        double medianRatio() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(normalize.size(), jackson.size()); i++) {
                ratios.add(normalize.get(i) / jackson.get(i));
            }
            return median(ratios);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--vendors".equals(args[0])) {
            for (String v : vendors()) {
                System.out.println(v);
            }
            return;
        }
        print(read(Paths.get(args[0])));
    }

    /** The vendors the benchmark measures, in its order. */
    static List<String> vendors() throws NoSuchFieldException {
        return Arrays.asList(
                NormalizationBenchmark.class.getField("vendor").getAnnotation(Param.class).value());
    }

    /** Rounds per vendor from a result file or a folder of them (each file one vendor's round). */
    static Map<String, Rounds> read(Path results) throws IOException {
        List<Path> files;
        if (Files.isDirectory(results)) {
            try (Stream<Path> s = Files.list(results)) {
                files =
                        s.filter(p -> p.toString().endsWith(".json"))
                                .sorted()
                                .collect(Collectors.toList());
            }
        } else {
            files = List.of(results);
        }
        Map<String, Rounds> table = new TreeMap<>();
        for (Path f : files) {
            for (JsonNode r : Json.mapper().readTree(new File(f.toString()))) {
                Rounds rounds =
                        table.computeIfAbsent(r.at("/params/vendor").asText(), k -> new Rounds());
                boolean normalize = r.path("benchmark").asText().endsWith(".normalize");
                (normalize ? rounds.normalize : rounds.jackson)
                        .add(r.at("/primaryMetric/score").asDouble());
            }
        }
        return table;
    }

    static void print(Map<String, Rounds> table) {
        System.out.println();
        System.out.printf(
                "Normalization on one thread, records/s, median of rounds (target: normalize >="
                        + " %.1fx bare Jackson tree parsing, ratio of each round's back-to-back"
                        + " pair)%n",
                TARGET);
        System.out.printf(
                "%-32s %12s %14s %7s %7s%n",
                "vendor", "normalize", "jackson tree", "ratio", "rounds");
        int below = 0;
        for (Map.Entry<String, Rounds> e : table.entrySet()) {
            Rounds r = e.getValue();
            double ratio = r.medianRatio();
            below += ratio < TARGET ? 1 : 0;
            System.out.printf(
                    "%-32s %,12.0f %,14.0f %6.2fx %7d%n",
                    e.getKey(),
                    median(r.normalize),
                    median(r.jackson),
                    ratio,
                    Math.min(r.normalize.size(), r.jackson.size()));
        }
        System.out.printf("%d of %d below %.1fx%n", below, table.size(), TARGET);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
