package io.securitycoach.bench.pipeline;

import java.io.PrintStream;
import java.util.Map;

/** The run's figures as the table the README keeps. */
final class ReportTable {
    private ReportTable() {}

    static void print(PipelineReport r, PrintStream out) {
        printWorkload(r, out);
        printFigures(r, out);
        printCpuByOperator(r, out);
    }

    /** The run's conditions and what went through it. */
    private static void printWorkload(PipelineReport r, PrintStream out) {
        Workload w = r.workload;
        out.printf(
                "%npipeline load run (commit %s, load average %.2f before, %.2f after)%n",
                r.commit, r.loadAverageBefore, r.loadAverageAfter);
        out.printf(
                "workload: %,d events (%,d bytes, %,.0f bytes/event), %d orgs, %,d users, %,d"
                        + " rules%n",
                r.events, r.inputBytes, r.rawBytesPerEvent(), w.orgs, w.users(), w.rules());
        out.printf(
                "  %,d events out, %,d detections (%.3f%%), %,d deliveries; measured: the last"
                        + " %,d%n",
                r.eventsOut,
                r.detections,
                100.0 * r.detections / Math.max(1, r.events),
                r.deliveries,
                r.measuredEvents());
        if (r.hostSlowdown != null) {
            out.printf(
                    "  host slowdown in the span (fixed work's CPU time over idle): p50 %.2f, p90"
                            + " %.2f, max %.2f%n",
                    r.hostSlowdown[0], r.hostSlowdown[1], r.hostSlowdown[2]);
        }
        if (r.directoryLoadSeconds > 0) {
            out.printf(
                    "  directory loaded in %.0f s of wall time (not measured)%n",
                    r.directoryLoadSeconds);
        }
        out.printf(
                "  JIT %s when the span began; compiling in the span %.1f s (pass-through %.1f"
                        + " s)%n",
                r.jitSettled == null ? "not waited for" : r.jitSettled ? "settled" : "NOT settled",
                r.jitSeconds,
                r.passthroughJitSeconds);
        out.printf(
                "  detections digest %s (%s)%n",
                r.detectionsDigest,
                r.detectionsMatchStored() == null
                        ? "none stored for this workload"
                        : r.detectionsMatchStored()
                                ? "the stored digest: same detections"
                                : "WARNING: differs from the stored " + r.detectionsDigestStored);
        if (r.restarts > 0) {
            out.printf(
                    "  WARNING: tasks restarted %d time(s): the rates count replayed records again;"
                            + " these figures are not comparable%n",
                    r.restarts);
        }
    }

    private static void printFigures(PipelineReport r, PrintStream out) {
        out.printf("%-36s %14s%n", "figure", "value");
        row(out, "coach events/s (wall)", r.eventsPerSecond());
        row(out, "coach events per CPU-second", r.eventsPerCpuSecond());
        row(out, "pass-through events per CPU-second", r.passthroughPerCpuSecond());
        row(out, "Jackson events per CPU-second", r.jacksonPerCpuSecond());
        out.printf(
                "%-36s %14.3f%n",
                "ratio to pass-through", r.toJson().get("ratio_to_passthrough").asDouble());
        out.printf(
                "%-36s %14.3f%n",
                "ratio to Jackson", r.toJson().get("ratio_to_jackson").asDouble());
        out.printf(
                "%-36s %14s%n",
                "latency ms p50/p99/p99.9/max",
                r.latency.p50 + "/" + r.latency.p99 + "/" + r.latency.p999 + "/" + r.latency.max);
        out.printf(
                "%-36s %14s%n",
                "  (notifications, at events/s)",
                r.latency.count + " @ " + Math.round(r.latencyRate));
        out.printf(
                "%-36s %14s%n",
                "checkpoint ms p50/max", r.percentile(0.5) + "/" + r.percentile(1.0));
        out.printf(
                "%-36s %14s%n",
                "  p99 during / outside a checkpoint",
                r.checkpointLatencies.during.p99 + "/" + r.checkpointLatencies.outside.p99);
        LatencyConditions c = r.latencyConditions;
        out.printf(
                "%-36s %14s%n",
                "  source->detect / detect->answer p99",
                c.sourceToDetect.p99 + "/" + c.detectToAnswer.p99);
        out.printf(
                "%-36s %14s%n",
                "  its checkpoints ms p50/max",
                c.checkpoints.percentile(0.5) + "/" + c.checkpoints.percentile(1.0));
        out.printf(
                "%-36s %14s%n",
                "  its CPU share, load average",
                String.format(
                        "%.2f, %.1f-%.1f", c.cpuShare(), c.loadAverageStart, c.loadAverageEnd));
        out.printf(
                "%-36s %14s%n",
                "shuffles per event",
                r.shuffles == null ? "-" : String.valueOf(r.shuffles.perEvent));
        row(out, "network bytes per event", r.networkBytesPerEvent());
        row(out, "state bytes per user", r.stateBytesPerUser());
        row(out, "audit bytes per event (events stage)", r.auditBytesPerEvent());
    }

    /** Most expensive operator first. */
    private static void printCpuByOperator(PipelineReport r, PrintStream out) {
        out.printf(
                "%ncpu seconds by operator (JFR samples x process CPU, %.1f s over %.1f s wall)%n",
                r.cpuSeconds, r.wallSeconds);
        r.cpuByOperator.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(
                        e ->
                                out.printf(
                                        "  %-40s %8.2f s %5.1f%%%n",
                                        e.getKey(),
                                        e.getValue(),
                                        100 * e.getValue() / Math.max(1e-9, r.cpuSeconds)));
    }

    private static void row(PrintStream out, String name, double value) {
        out.printf("%-36s %,14.0f%n", name, value);
    }
}
