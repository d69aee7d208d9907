package io.securitycoach.bench.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The integration load run's figures: what it prints and what {@code --json} writes. */
final class IntegrationLoadReport {
    String vendor;
    long events;
    int pageSize;
    int parallelism;
    String commit = "";

    /** Raw audit records of the fetched events (the counter the run waited on). */
    long fetched;

    double wallSeconds;
    double cpuSeconds;
    long requestsServed;
    int restarts;
    double loadAverageBefore;
    double loadAverageAfter;

    double eventsPerSecond() {
        return wallSeconds <= 0 ? 0 : fetched / wallSeconds;
    }

    double cpuMicrosPerEvent() {
        return fetched == 0 ? 0 : cpuSeconds * 1e6 / fetched;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", vendor);
        m.put("events", fetched);
        m.put("events_asked", events);
        m.put("page_size", pageSize);
        m.put("parallelism", parallelism);
        m.put("wall_seconds", round(wallSeconds, 3));
        m.put("events_per_second", round(eventsPerSecond(), 1));
        m.put("cpu_seconds", round(cpuSeconds, 3));
        m.put("cpu_us_per_event", round(cpuMicrosPerEvent(), 2));
        m.put("requests_served", requestsServed);
        m.put("restarts", restarts);
        m.put("load_average_before", round(loadAverageBefore, 2));
        m.put("load_average_after", round(loadAverageAfter, 2));
        m.put("commit", commit);
        return m;
    }

    void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "integration load run: %s, page size %,d, parallelism %d%n",
                vendor,
                pageSize,
                parallelism);
        out.printf(Locale.ROOT, "  events fetched        %,d (asked %,d)%n", fetched, events);
        out.printf(Locale.ROOT, "  wall seconds          %.2f%n", wallSeconds);
        out.printf(Locale.ROOT, "  events per second     %,.0f (wall)%n", eventsPerSecond());
        out.printf(Locale.ROOT, "  process CPU-seconds   %.2f%n", cpuSeconds);
        out.printf(Locale.ROOT, "  CPU-us per event      %.1f%n", cpuMicrosPerEvent());
        out.printf(Locale.ROOT, "  requests served       %,d%n", requestsServed);
        out.printf(Locale.ROOT, "  restarts              %d%n", restarts);
        out.printf(
                Locale.ROOT,
                "  load average          %.2f at start, %.2f at end%n",
                loadAverageBefore,
                loadAverageAfter);
        out.printf(Locale.ROOT, "  commit                %s%n", commit);
    }

    private static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }
}
