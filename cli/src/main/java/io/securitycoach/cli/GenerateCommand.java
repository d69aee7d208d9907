package io.securitycoach.cli;

import io.securitycoach.local.generate.EventGenerator;
import io.securitycoach.records.RawEvent;
import io.securitycoach.schema.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./coach generate}: seeded, reproducible vendor events for every vendor and the directory
 * they refer to, laid out as {@code ./coach run --events/--users} reads them.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate realistic vendor events and a directory.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            required = true,
            description =
                    "Folder for events/<org>/<vendor>/generated.jsonl and users/directory.jsonl.")
    Path out;

    @Option(names = "--events", defaultValue = "10000")
    long events;

    @Option(names = "--orgs", defaultValue = "2")
    int orgs;

    @Option(
            names = "--users",
            defaultValue = "100",
            description = "Users per org (default ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--risky",
            defaultValue = "0.05",
            description = "Share of risky events (default ${DEFAULT-VALUE}).")
    double risky;

    @Option(
            names = "--malformed",
            defaultValue = "0.01",
            description = "Share of malformed records (default ${DEFAULT-VALUE}).")
    double malformed;

    @Option(
            names = "--rate",
            defaultValue = "50",
            description = "Events per second of event time (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--start",
            description = "Event time of the first record, ISO-8601 (default: events end now).")
    Instant start;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (optionsOutOfRange()) {
            System.err.println(
                    "error: orgs and users at least 1, shares between 0 and 1, rate above 0");
            return 2;
        }
        EventGenerator g =
                new EventGenerator(orgs, users, risky, malformed, seed, firstEventTime(), rate);
        writeDirectory(g);
        writeEvents(g);
        System.out.println(
                "generated "
                        + events
                        + " events over "
                        + orgs
                        + " orgs and "
                        + g.users()
                        + " users in "
                        + out);
        return 0;
    }

    private boolean optionsOutOfRange() {
        return orgs < 1
                || users < 1
                || events < 0
                || risky < 0
                || risky > 1
                || malformed < 0
                || malformed > 1
                || rate <= 0;
    }

    /** The given start, else early enough that the events end now. */
    private long firstEventTime() {
        return start != null
                ? start.toEpochMilli()
                : System.currentTimeMillis() - (long) (events / rate * 1000);
    }

    /** users/directory.jsonl: every user the events refer to. */
    private void writeDirectory(EventGenerator g) throws IOException {
        Path usersFile = out.resolve("users").resolve("directory.jsonl");
        Files.createDirectories(usersFile.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(usersFile, StandardCharsets.UTF_8)) {
            for (long u = 0; u < g.users(); u++) {
                w.write(Json.write(g.user(u)));
                w.newLine();
            }
        }
    }

    /** events/<org>/<vendor>/generated.jsonl, one writer per org and vendor. */
    private void writeEvents(EventGenerator g) throws IOException {
        Map<String, BufferedWriter> writers = new HashMap<>();
        try {
            for (long n = 0; n < events; n++) {
                RawEvent e = g.event(n);
                BufferedWriter w = writers.get(e.orgId + "/" + e.vendor);
                if (w == null) {
                    w = eventsWriter(e);
                    writers.put(e.orgId + "/" + e.vendor, w);
                }
                w.write(e.payload);
                w.newLine();
            }
        } finally {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
        }
    }

    private BufferedWriter eventsWriter(RawEvent e) throws IOException {
        Path f =
                out.resolve("events").resolve(e.orgId).resolve(e.vendor).resolve("generated.jsonl");
        Files.createDirectories(f.getParent());
        return Files.newBufferedWriter(f, StandardCharsets.UTF_8);
    }
}
