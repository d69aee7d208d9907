package io.securitycoach.bench.esper;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import io.securitycoach.bench.DetectionWorkload;
import io.securitycoach.schema.EventSchema;
import io.securitycoach.schema.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Esper on the detection benchmark's workload: one EPL statement per rule, filtering on org, class
 * and the rule's value (Esper indexes such filters), events sent as maps built the way the job's
 * engine builds them. One operation = one event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EsperDetectionBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int rules;

    private DetectionWorkload workload;
    private EPRuntime runtime;
    private final AtomicLong matches = new AtomicLong();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        workload = new DetectionWorkload(rules, 8192, 42);
        Configuration config = new Configuration();
        Map<String, Object> type = new LinkedHashMap<>();
        for (String f : EventSchema.eventFieldNames()) {
            type.put(f, Object.class);
        }
        for (String f : EventSchema.stringEventFields()) {
            type.put(f, String.class);
        }
        config.getCommon().addEventType("Event", type);
        runtime = EPRuntimeProvider.getRuntime("bench-" + rules + "-" + System.nanoTime(), config);
        // Modules of at most 500 statements: one module of 10,000 outgrows the bytecode limits of a
        // class.
        for (int from = 0; from < workload.rules.size(); from += 500) {
            StringBuilder epl = new StringBuilder();
            for (String[] r :
                    workload.rules.subList(from, Math.min(from + 500, workload.rules.size()))) {
                epl.append(workload.epl(r));
            }
            EPCompiled compiled =
                    EPCompilerProvider.getCompiler()
                            .compile(epl.toString(), new CompilerArguments(config));
            for (EPStatement s : runtime.getDeploymentService().deploy(compiled).getStatements()) {
                s.addListener(
                        (newEvents, oldEvents, statement, rt) ->
                                matches.addAndGet(newEvents.length));
            }
        }
        for (SecurityEvent e : workload.events) {
            runtime.getEventService().sendEventMap(EventSchema.eventValue(e), "Event");
        }
        if (matches.get() != workload.expectedMatches()) {
            throw new IllegalStateException(
                    "esper found "
                            + matches.get()
                            + " matches, the workload has "
                            + workload.expectedMatches());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.destroy();
    }

    @Benchmark
    public void esper(Blackhole bh) {
        SecurityEvent e = workload.events[next];
        next = (next + 1) & (workload.events.length - 1);
        Map<String, Object> event = EventSchema.eventValue(e);
        runtime.getEventService().sendEventMap(event, "Event");
        bh.consume(event);
    }
}
