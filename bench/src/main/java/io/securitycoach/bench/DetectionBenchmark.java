package io.securitycoach.bench;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.RuleEngine;
import io.securitycoach.rules.RuleIndex;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.rules.RuleProgress;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detection throughput on one thread: the job's {@link RuleIndex} + {@link RuleEngine} against Esper
 * with equivalent statements, for 10 to 10,000 rules over 100 orgs. One operation = one event.
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
    private Map<String, RuleProgress> progress;
    private RuleEngine.ProgressStore store;
    private EPRuntime esper;
    private final AtomicLong esperMatches = new AtomicLong();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        workload = new DetectionWorkload(rules, 8192, 42);
        index = new RuleIndex();
        for (String[] r : workload.rules) {
            index.install(RuleParser.parse(workload.ruleYaml(r), r[1]));
        }
        engine = new RuleEngine(5_000);
        progress = new HashMap<>();
        store = new RuleEngine.ProgressStore() {
            @Override
            public RuleProgress get(String key) {
                return progress.get(key);
            }

            @Override
            public void put(String key, RuleProgress p) {
                progress.put(key, p);
            }

            @Override
            public void remove(String key) {
                progress.remove(key);
            }
        };
        esper = esper(workload);
        // The two engines must agree, or the comparison means nothing.
        long coachMatches = 0;
        for (SecurityEvent e : workload.events) {
            coachMatches += engine.evaluate(index.candidates(e.orgId, e.eventClass), e, store, 0, (r, err) -> { }).size();
            esper.getEventService().sendEventMap(EventSchema.eventValue(e), "Event");
        }
        if (coachMatches != esperMatches.get() || coachMatches == 0 && rules >= 100) {
            throw new IllegalStateException("engines disagree: coach " + coachMatches + ", esper " + esperMatches.get());
        }
        System.out.println("matches over " + workload.events.length + " events: " + coachMatches + " (both engines)");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        esper.destroy();
    }

    private SecurityEvent nextEvent() {
        SecurityEvent e = workload.events[next];
        next = (next + 1) & (workload.events.length - 1);
        return e;
    }

    @Benchmark
    public void coach(Blackhole bh) throws Exception {
        SecurityEvent e = nextEvent();
        List<Detection> found = engine.evaluate(index.candidates(e.orgId, e.eventClass), e, store, 0, (r, err) -> { });
        bh.consume(found);
    }

    @Benchmark
    public void esper(Blackhole bh) {
        SecurityEvent e = nextEvent();
        Map<String, Object> map = EventSchema.eventValue(e); // the same conversion the job's engine makes
        esper.getEventService().sendEventMap(map, "Event");
        bh.consume(map);
    }

    private EPRuntime esper(DetectionWorkload w) throws Exception {
        Configuration config = new Configuration();
        Map<String, Object> type = new LinkedHashMap<>();
        for (String f : EventSchema.eventFieldNames()) {
            type.put(f, Object.class);
        }
        for (String f : EventSchema.stringEventFields()) {
            type.put(f, String.class);
        }
        config.getCommon().addEventType("Event", type);
        StringBuilder epl = new StringBuilder();
        for (String[] r : w.rules) {
            epl.append(w.epl(r));
        }
        EPCompiled compiled = EPCompilerProvider.getCompiler().compile(epl.toString(), new CompilerArguments(config));
        EPRuntime runtime = EPRuntimeProvider.getRuntime("bench-" + rules + "-" + System.nanoTime(), config);
        for (EPStatement s : runtime.getDeploymentService().deploy(compiled).getStatements()) {
            s.addListener((newEvents, oldEvents, statement, rt) -> esperMatches.addAndGet(newEvents.length));
        }
        return runtime;
    }
}
