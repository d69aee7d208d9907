package io.securitycoach.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Runs {@link DetectionBenchmark} and prints events/s per rule count for both engines and their ratio. */
public final class DetectionBench {
    private DetectionBench() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(DetectionBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .threads(1)
                .jvmArgsAppend("-Xmx4g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Integer, double[]> table = new TreeMap<>();
        for (RunResult r : results) {
            int rules = Integer.parseInt(r.getParams().getParam("rules"));
            boolean coach = r.getParams().getBenchmark().endsWith(".coach");
            table.computeIfAbsent(rules, k -> new double[2])[coach ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        System.out.println();
        System.out.println("Detection, one thread, events/s (100 orgs, rules spread evenly)");
        System.out.printf("%8s %14s %14s %8s%n", "rules", "coach", "esper", "ratio");
        for (Map.Entry<Integer, double[]> e : table.entrySet()) {
            System.out.printf("%8d %,14.0f %,14.0f %7.2fx%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    e.getValue()[0] / e.getValue()[1]);
        }
    }
}
