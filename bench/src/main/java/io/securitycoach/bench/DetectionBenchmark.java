package io.securitycoach.bench;

import io.securitycoach.rules.Detection;
import io.securitycoach.rules.MemoryProgressStore;
import io.securitycoach.rules.RuleEngine;
import io.securitycoach.rules.RuleIndex;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.SecurityEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Detection throughput on one thread: the job's {@link RuleIndex} + {@link RuleEngine}, for 10 to
 * 10,000 rules over 100 orgs. One operation = one event. Esper runs the same workload in {@code
 * bench-esper} (its own classpath: Esper's ANTLR and CEL's cannot share one).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class DetectionBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int rules;

    private DetectionWorkload workload;
    private RuleIndex index;
    private RuleEngine engine;
    private RuleEngine.ProgressStore store;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        workload = new DetectionWorkload(rules, 8192, 42);
        index = new RuleIndex();
        for (String[] r : workload.rules) {
            index.install(RuleParser.parse(workload.ruleYaml(r), r[1]));
        }
        engine = new RuleEngine(5_000);
        store = new MemoryProgressStore();
        long matches = 0;
        for (SecurityEvent e : workload.events) {
            matches += engine.evaluate(index.candidates(e), e, store, 0, (r, err) -> {}).size();
        }
        if (matches != workload.expectedMatches()) {
            throw new IllegalStateException(
                    "coach found "
                            + matches
                            + " matches, the workload has "
                            + workload.expectedMatches());
        }
    }

    private SecurityEvent nextEvent() {
        SecurityEvent e = workload.events[next];
        next = (next + 1) & (workload.events.length - 1);
        return e;
    }

    @Benchmark
    public void coach(Blackhole bh) throws Exception {
        SecurityEvent e = nextEvent();
        List<Detection> found = engine.evaluate(index.candidates(e), e, store, 0, (r, err) -> {});
        bh.consume(found);
    }
}
